import { Logger } from '@nestjs/common';
import { RmqRecord } from '@nestjs/microservices';
import { firstValueFrom, lastValueFrom, timeout, TimeoutError } from 'rxjs';
import {
  commandQueueName,
  ErrorCodes,
  isRpcErrorEnvelope,
  Lane,
  ServiceName,
} from '@app/contracts';
import { describeConnectionError } from '../dependencies/connection-error';
import { currentLane } from './lane';
import { commandQueueOptions, AMQP_SOCKET_OPTIONS } from './topology';
import { RpcCallError } from './rpc-call.error';
import { replyByHeaders } from './reply-deadline';
import { brokerUser, WatchedRmqClient } from './broker-connection';

export interface RpcClientOptions {
  url: string;
  prefix: string;
  timeoutMs: number;
}

/**
 * Sends commands and requests to one service's queue and waits for the reply, never
 * longer than the timeout. Messages are persistent and the queue is declared exactly as
 * its consumer declares it, so a command sent while the consumer is down waits for it.
 * Replies come over RabbitMQ's direct reply-to, which the transport consumes with
 * automatic acknowledgement (the only mode direct reply-to allows).
 */
export class RpcClient {
  private readonly logger = new Logger(RpcClient.name);
  private readonly proxies = new Map<Lane, WatchedRmqClient>();
  /** Sent as `user_id` (RabbitMQ checks it): the receiver knows the call is one of ours. */
  private readonly user: string;

  constructor(
    readonly target: ServiceName,
    private readonly options: RpcClientOptions,
  ) {
    this.user = brokerUser(options.url);
  }

  /** One connection per lane used, made on first use. */
  private proxy(lane: Lane): WatchedRmqClient {
    let proxy = this.proxies.get(lane);
    if (!proxy) {
      const queue = commandQueueName(this.options.prefix, this.target, lane);
      proxy = new WatchedRmqClient({
        urls: [this.options.url],
        queue,
        queueOptions: commandQueueOptions(this.options.prefix, queue),
        persistent: true,
        socketOptions: AMQP_SOCKET_OPTIONS,
      });
      this.proxies.set(lane, proxy);
    }
    return proxy;
  }

  /**
   * Connects the interactive lane now rather than at the first call, so that a broker that
   * does not answer is named in the log from start-up. Never throws: the connection keeps
   * retrying, and calls made meanwhile fail as unreachable.
   */
  connectEarly(): void {
    this.proxy('interactive')
      .connect()
      .catch(() => undefined);
  }

  /** The lane of the call: the one asked for, else the lane of the message being handled. */
  private laneOf(lane?: Lane): Lane {
    return lane ?? currentLane() ?? 'interactive';
  }

  async send<TReply>(
    pattern: string,
    payload: object,
    timeoutMs?: number,
    lane?: Lane,
  ): Promise<TReply> {
    const limit = timeoutMs ?? this.options.timeoutMs;
    try {
      return await firstValueFrom(
        this.proxy(this.laneOf(lane))
          .send<TReply>(
            pattern,
            new RmqRecord(payload, {
              userId: this.user,
              contentType: 'application/json',
              headers: replyByHeaders(limit),
            }),
          )
          .pipe(timeout(limit)),
      );
    } catch (err) {
      if (isRpcErrorEnvelope(err)) {
        throw new RpcCallError({ ...err, retryable: undefined }, this.target);
      }
      const reason = err instanceof TimeoutError ? `no reply within ${limit} ms` : 'unreachable';
      if (!(err instanceof TimeoutError)) {
        // The cause only: the transport's error carries the broker URL, password included.
        this.logger.warn(
          { target: this.target, pattern, error: describeConnectionError(err) },
          'request failed',
        );
      }
      throw new RpcCallError(
        { code: ErrorCodes.SERVICE_UNAVAILABLE, message: `${this.target} service ${reason}` },
        this.target,
      );
    }
  }

  /**
   * Queues a command without waiting for its handler: resolves once the broker has
   * confirmed the (persistent) message, so it will be handled even if this process dies.
   */
  async enqueue(pattern: string, payload: object, lane?: Lane): Promise<void> {
    try {
      await lastValueFrom(
        this.proxy(this.laneOf(lane))
          .emit(
            pattern,
            new RmqRecord(payload, { userId: this.user, contentType: 'application/json' }),
          )
          .pipe(timeout(this.options.timeoutMs)),
        { defaultValue: undefined },
      );
    } catch (err) {
      this.logger.warn(
        { target: this.target, pattern, error: describeConnectionError(err) },
        'could not queue a command',
      );
      throw new RpcCallError(
        {
          code: ErrorCodes.SERVICE_UNAVAILABLE,
          message: `could not queue a command for ${this.target}`,
        },
        this.target,
      );
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.proxies.values()].map((proxy) => proxy.close()));
  }
}
