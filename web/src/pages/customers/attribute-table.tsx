import type { Attribute } from "./attribute-validation";

/** Every attribute of a customer, by name. */
export function AttributeTable({ attributes }: { attributes: Attribute[] }) {
  if (attributes.length === 0) return <p>No attributes.</p>;
  return (
    <table className="customer-attribute-table" data-testid="attribute-table">
      <caption className="visually-hidden">Attributes</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((a) => (
          <tr key={a.name}>
            <th scope="row">{a.name}</th>
            <td>{a.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
