import amqp from 'amqplib';
import {
  createAdministrator,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { firehoseOff, firehoseOn } from '../support/firehose';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { RABBITMQ_URL } from '../support/infra';
import { dumpRedis, encodings, findLeaks, storedPlaces } from '../support/secret-scan';
import { API, SecuritySuite } from '../support/security-suite';
import type { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Security checks of issue 6 (spec §2 and §3): after a mixed workload, no password in Redis, in
 * the messages that went through RabbitMQ, in the databases or in the logs (nor base64-, hex-
 * or URL-encoded) (test/support/secret-scan.ts).
 */
describe('Security checks', () => {
  const security = SecuritySuite.use('securityscan', 'password scan');
  const { figures, secret, weakSecret, remember, secrets } = security;
  let stack: Stack, masterToken: string, group: any;
  beforeAll(() => ({ stack, masterToken, group } = security));

  describe('no password anywhere after a mixed workload', () => {
    const IMPORT_ROWS = 50;
    const firehose: string[] = [];
    const redisDumps: string[] = [];
    /** Everything scanned, by where it comes from. */
    const places: Record<string, string> = {};
    let ourMessages = 0;
    let ourTechnicianCreates = 0;
    const workload = {} as {
      technician: { email: string; password: string };
      admin: { email: string; password: string };
      imported: { email: string; password: string }[];
      dryRun: { email: string; password: string }[];
      refused: { email: string; password: string };
      oldPassword: { email: string; password: string };
    };

    beforeAll(async () => {
      const connection = await amqp.connect(RABBITMQ_URL);
      const channel = await connection.createChannel();
      const { queue } = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(queue, 'amq.rabbitmq.trace', '#');
      await channel.consume(
        queue,
        (message) => {
          if (!message) return;
          const text = [
            message.fields.routingKey,
            JSON.stringify(message.properties.headers ?? {}),
            message.content.toString('latin1'),
          ].join('\n');
          firehose.push(text);
          if (text.includes(stack.env.prefix)) {
            ourMessages += 1;
            // Rows travel in batches: count the creates they carry (each has its key).
            if (text.includes('org.technician.create'))
              ourTechnicianCreates += text.match(/"idempotencyKey"/g)?.length ?? 0;
          }
        },
        { noAck: true },
      );
      await firehoseOn();
      try {
        await mixedWorkload();
      } finally {
        await firehoseOff();
        await connection.close();
      }
      redisDumps.push(await dumpRedis(stack.env.prefix));

      redisDumps.forEach((dump, i) => (places[`redis dump ${i + 1}`] = dump));
      places['rabbitmq firehose'] = firehose.join('\n');
      Object.assign(places, await storedPlaces(stack));
    });

    /** Creates, resets, changes, signs in (well and badly), imports, dry-runs, refuses a row. */
    async function mixedWorkload(): Promise<void> {
      // A technician created through REST, its password reset, then changed by its owner.
      const technician = await createTechnician(stack.api, masterToken, group.id, {
        password: secret('rest-create'),
      });
      const reset = secret('reset');
      expect(
        (
          await stack.api.post(
            `${API}/technicians/${technician.id}/password`,
            { password: reset },
            masterToken,
          )
        ).status,
      ).toBe(204);
      const first = await stack.api.post(`${API}/auth/login`, {
        email: technician.email,
        password: reset,
      });
      expect(first.body.mustChangePassword).toBe(true);
      const wrongCurrent = await stack.api.post(
        `${API}/auth/change-password`,
        { currentPassword: secret('wrong-current'), newPassword: secret('never-set') },
        first.body.accessToken,
      );
      expect(wrongCurrent.status).toBe(401);
      const weakChange = await stack.api.post(
        `${API}/auth/change-password`,
        { currentPassword: reset, newPassword: weakSecret('weak-change') },
        first.body.accessToken,
      );
      expect(weakChange.status).toBe(422);
      const changed = secret('changed');
      expect(
        (
          await stack.api.post(
            `${API}/auth/change-password`,
            { currentPassword: reset, newPassword: changed },
            first.body.accessToken,
          )
        ).status,
      ).toBe(204);
      workload.technician = { email: technician.email, password: changed };
      workload.oldPassword = { email: technician.email, password: technician.password };

      // Sign-ins: good, wrong password, unknown email.
      expect((await stack.api.post(`${API}/auth/login`, workload.technician)).status).toBe(200);
      for (const attempt of [
        { email: technician.email, password: secret('wrong-password') },
        { email: uniqueEmail('nobody'), password: secret('unknown-email') },
        { email: stack.adminEmail, password: secret('wrong-admin-password') },
      ]) {
        expect((await stack.api.post(`${API}/auth/login`, attempt)).status).toBe(401);
      }

      // A refused REST create (weak password): 422, nothing stored.
      const refusedCreate = await stack.api.post(
        `${API}/groups/${group.id}/technicians`,
        { name: 'Weak', email: uniqueEmail('weak'), password: weakSecret('weak-rest-create') },
        masterToken,
      );
      expect(refusedCreate.status).toBe(422);

      // An administrator created through REST, signing in and changing its password.
      const admin = await createAdministrator(stack.api, masterToken, {
        groupIds: [group.id],
        password: secret('admin-create'),
      });
      const adminChanged = remember(`${admin.password}-New9`, 'admin changed');
      await signInChangingPassword(stack.api, admin.email, admin.password);
      workload.admin = { email: admin.email, password: adminChanged };

      // An import of 50 rows; Redis looked at while it runs.
      workload.imported = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
        email: uniqueEmail('scan'),
        password: secret(`import-${i}`),
      }));
      const upload = await uploadImport(
        stack,
        masterToken,
        csvImportFile(workload.imported.map((row) => technicianRow(group.id, row))),
      );
      expect(upload.status).toBe(202);
      await waitFor(
        async () =>
          (await stack.api.get(`${API}/imports/${upload.body.id}`, masterToken)).body.processed >=
            5 || undefined,
        { what: 'the import to be under way' },
      );
      redisDumps.push(await dumpRedis(stack.env.prefix));
      expect(await waitForImport(stack, masterToken, upload.body.id)).toMatchObject({
        status: 'completed',
        succeeded: IMPORT_ROWS,
      });

      // A dry run (nothing created) and an import with a refused row (weak password).
      workload.dryRun = Array.from({ length: 5 }, (_, i) => ({
        email: uniqueEmail('scan-dry'),
        password: secret(`dry-run-${i}`),
      }));
      const dry = await uploadImport(
        stack,
        masterToken,
        csvImportFile(workload.dryRun.map((row) => technicianRow(group.id, row))),
        { dryRun: true },
      );
      expect(dry.status).toBe(202);
      expect(await waitForImport(stack, masterToken, dry.body.id)).toMatchObject({
        dryRun: true,
        succeeded: 5,
      });
      workload.refused = {
        email: uniqueEmail('scan-weak'),
        password: weakSecret('weak-import-row'),
      };
      const good = { email: uniqueEmail('scan-good'), password: secret('import-good-row') };
      const mixed = await uploadImport(
        stack,
        masterToken,
        csvImportFile([technicianRow(group.id, workload.refused), technicianRow(group.id, good)]),
      );
      expect(mixed.status).toBe(202);
      expect(await waitForImport(stack, masterToken, mixed.body.id)).toMatchObject({
        succeeded: 1,
        failed: 1,
      });
      const items = await stack.api.get(`${API}/imports/${mixed.body.id}/items`, masterToken);
      expect(items.body.items[0].errors[0].code).toBe('PASSWORD_POLICY');
      redisDumps.push(await dumpRedis(stack.env.prefix));
    }

    it('saw the workload go through the broker and Redis (the scan has something to look at)', () => {
      expect(ourMessages).toBeGreaterThan(0);
      expect(ourTechnicianCreates).toBeGreaterThanOrEqual(IMPORT_ROWS);
      expect(redisDumps.join('').length).toBeGreaterThan(0);
    });

    it('finds what is there: the scan sees the emails of the imported rows in the org database and the firehose', () => {
      const orgTables = Object.entries(places).filter(([where]) =>
        where.startsWith('database org'),
      );
      for (const { email } of [workload.imported[0], workload.imported[IMPORT_ROWS - 1]]) {
        expect(orgTables.some(([, text]) => text.includes(email.toLowerCase()))).toBe(true);
        expect(places['rabbitmq firehose']).toContain(email);
      }
      // And the needles catch a password inside base64 of a longer text, at any alignment.
      const password = [...secrets.keys()][0];
      for (const prefix of ['', 'a', 'ab', '{"password":"']) {
        const text = Buffer.from(`${prefix}${password}","more":1}`).toString('base64');
        expect(encodings(password).some(({ needle }) => text.includes(needle))).toBe(true);
        const url = Buffer.from(`${prefix}${password}"}`).toString('base64url');
        expect(encodings(password).some(({ needle }) => url.includes(needle))).toBe(true);
      }
    });

    it('finds no password, plain, URL-, base64- or hex-encoded, in Redis, RabbitMQ messages, the three databases or any log line', () => {
      const { needles, leaks } = findLeaks(places, secrets);
      figures.secretsScanned = secrets.size;
      figures.encodingsPerSecret = encodings(security.bootstrapPassword).length;
      figures.needles = needles;
      figures.placesScanned = {
        redisKeys: redisDumps.reduce((n, dump) => n + dump.split('\u0000KEY ').length - 1, 0),
        rabbitmqMessages: firehose.length,
        databaseTables: Object.keys(places).filter((p) => p.startsWith('database')).length,
        logFiles: Object.keys(places).filter((p) => p.startsWith('log file')).length,
        logLines: Object.values(stack.services).reduce((n, s) => n + s.lines.length, 0),
      };
      figures.bytesScanned = Object.values(places).reduce((n, text) => n + text.length, 0);
      figures.leaksFound = leaks.length;

      expect(Object.keys(places).filter((p) => p.startsWith('database')).length).toBeGreaterThan(5);
      expect(leaks).toEqual([]);
    });

    it('while the passwords do work: the current ones sign in, replaced and refused ones do not', async () => {
      const login = (credentials: { email: string; password: string }) =>
        stack.api.post(`${API}/auth/login`, credentials);

      expect((await login(workload.technician)).status).toBe(200);
      expect((await login(workload.admin)).status).toBe(200);
      expect(
        (await login({ email: stack.adminEmail, password: security.bootstrapPassword })).status,
      ).toBe(200);
      for (const row of [workload.imported[0], workload.imported[IMPORT_ROWS - 1]]) {
        expect((await login(row)).status).toBe(200);
      }
      expect((await login(workload.oldPassword)).status).toBe(401);
      expect((await login(workload.dryRun[0])).status).toBe(401);
      expect((await login(workload.refused)).status).toBe(401);
    });
  });
});
