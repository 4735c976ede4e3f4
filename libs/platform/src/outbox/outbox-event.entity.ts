import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event written in the same transaction as the change it tells of, and published to
 * RabbitMQ afterwards by the relay (transactional outbox): no change without its event, and
 * no event for a change that was rolled back.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('varchar', { length: 100 })
  pattern!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
