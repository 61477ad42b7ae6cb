/** Customer ids go into the route as one path segment, whatever characters they hold. */
export function customerHref(id: string): string {
  return `/${encodeURIComponent(id)}`;
}

/** The id from the `/:id` route parameter (wouter has already undone decodeURI's share of the escaping). */
export function customerIdFromParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

/** created_at is unix seconds as a string; anything else is shown as it is. */
export function createdAtValue(createdAt: string | null | undefined): string | number | null | undefined {
  return createdAt && /^\d+$/.test(createdAt) ? Number(createdAt) : createdAt;
}
