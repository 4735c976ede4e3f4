import { AsyncLocalStorage } from 'node:async_hooks';

/** Who sent the message being handled, as RabbitMQ vouches for it (`user_id`). */
export interface MessageSender {
  brokerUser: string;
  /** One of this product's own services (INTERNAL_BROKER_USERS). */
  internal: boolean;
}

const storage = new AsyncLocalStorage<MessageSender>();

/** The sender of the message in progress; undefined outside a message (a REST call, a job). */
export function currentSender(): MessageSender | undefined {
  return storage.getStore();
}

export function runAsSender<T>(sender: MessageSender, work: () => T): T {
  return storage.run(sender, work);
}
