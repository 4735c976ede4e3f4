import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: entries (append-only: a trigger refuses UPDATE, and DELETE except by the
 * retention pass, which sets `audit.retention` for its transaction), one chain head per
 * organization (locked while an entry is appended), the retention settings, and the names
 * of principals learned from events.
 */
export class AuditLog1797000000000 implements MigrationInterface {
  name = 'AuditLog1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_entries" (
        "id" uuid PRIMARY KEY,
        "organization_id" uuid NOT NULL,
        "sequence" bigint NOT NULL,
        "source" text NOT NULL,
        "event_id" text NOT NULL,
        "type" text NOT NULL,
        "time" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        "principal" text,
        "principal_id" uuid,
        "channel" text,
        "origin" text,
        "target_type" text NOT NULL,
        "target_id" text NOT NULL,
        "target_name" text,
        "group_paths" text[] NOT NULL,
        "group_reach" text[] NOT NULL,
        "changes" jsonb NOT NULL,
        "hash" char(64) NOT NULL,
        CONSTRAINT "uq_audit_entries_event" UNIQUE ("source", "event_id"),
        CONSTRAINT "uq_audit_entries_sequence" UNIQUE ("organization_id", "sequence")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_target" ON "audit_entries" ("organization_id", "target_id", "sequence")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_principal" ON "audit_entries" ("organization_id", "principal_id", "sequence")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_type" ON "audit_entries" ("organization_id", "type" text_pattern_ops, "sequence")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_time" ON "audit_entries" ("organization_id", "time")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_reach" ON "audit_entries" USING gin ("group_reach")`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit_chain_heads" (
        "organization_id" uuid PRIMARY KEY,
        "last_sequence" bigint NOT NULL DEFAULT 0,
        "last_hash" char(64),
        "pruned_sequence" bigint NOT NULL DEFAULT 0,
        "pruned_hash" char(64)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "audit_settings" (
        "organization_id" uuid PRIMARY KEY,
        "retention_days" integer NOT NULL CHECK ("retention_days" BETWEEN 1 AND 3650),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`
      CREATE TABLE "audit_principal_names" (
        "principal" text PRIMARY KEY,
        "name" text NOT NULL,
        "updated_at" timestamptz NOT NULL
      )
    `);
    await queryRunner.query(`
      CREATE FUNCTION "audit_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('audit.retention', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only (%)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "audit_entries_append_only"
      BEFORE UPDATE OR DELETE ON "audit_entries"
      FOR EACH ROW EXECUTE FUNCTION "audit_entries_append_only"()
    `);
    await queryRunner.query(`
      CREATE TRIGGER "audit_entries_no_truncate"
      BEFORE TRUNCATE ON "audit_entries"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_append_only"()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_principal_names"`);
    await queryRunner.query(`DROP TABLE "audit_settings"`);
    await queryRunner.query(`DROP TABLE "audit_chain_heads"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "audit_entries_append_only"()`);
  }
}
