import { formatCount } from "../../components/format";

/** Distinct events by name, with their counts. */
export function EventCounts({ events }: { events: { name: string; count: number }[] }) {
  if (events.length === 0) return <p data-testid="no-events">No events</p>;
  return (
    <table className="customer-event-table" data-testid="event-table">
      <caption className="visually-hidden">Event counts</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col" className="number">
            Count
          </th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.name}>
            <th scope="row">{e.name}</th>
            <td className="number">{formatCount(e.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
