import { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox (libs/platform/src/outbox): the audit settings' own events. */
export class AuditOutbox1797000000001 implements MigrationInterface {
  name = 'AuditOutbox1797000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox_events" (
        "id" BIGSERIAL NOT NULL,
        "pattern" character varying(100) NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_events"`);
  }
}
