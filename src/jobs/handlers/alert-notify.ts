import { HttpClient } from "../../connectors/http-client";
import { JobQueue, Queues } from "../queue";
import type { AlertEvent } from "../../services/alerts/alert-service";

/** Queues a webhook delivery; durable, so a notifier that is down gets the alert when it is back. */
export function queueAlertNotification(queue: JobQueue, webhookUrl: string | undefined) {
  return async (event: AlertEvent): Promise<void> => {
    if (!webhookUrl) return;
    await queue.send(Queues.ALERT_NOTIFY, event);
  };
}

/** Posts each alert event to the webhook; a failure throws so the queue retries it with back-off. */
export function workAlertNotifications(queue: JobQueue, webhookUrl: string, pollingIntervalSeconds = 2): Promise<string> {
  // The queue owns the retries; one attempt per delivery here.
  const http = new HttpClient({ retries: 0, timeoutMs: 10_000 });
  return queue.work<AlertEvent>(Queues.ALERT_NOTIFY, { pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) {
      await http.json({ method: "POST", url: webhookUrl, body: job.data, headers: { "x-conflux-event": job.data.event } });
    }
  });
}
