// amqplib's promise-API channel class, which @types/amqplib does not declare as a module.
declare module 'amqplib/lib/channel_model' {
  import type { Channel as PromiseChannel } from 'amqplib';
  export const Channel: { prototype: PromiseChannel };
}
