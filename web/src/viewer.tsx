import { createContext, useContext } from "react";
import type { ViewerQuery } from "./generated/graphql";

export type Viewer = ViewerQuery["viewer"];

const ViewerContext = createContext<Viewer | null>(null);
export const ViewerProvider = ViewerContext.Provider;

/** The signed-in caller: account and role. Only rendered below the login gate, so never null there. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside the signed-in console");
  return viewer;
}

/** Whether the caller may see admin actions (managing connections, score rules, noise rules). */
export function useIsAdmin(): boolean {
  return useViewer().role === "ADMIN";
}
