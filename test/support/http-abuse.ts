import net from 'node:net';
import type { ApiResponse } from './api-client';
import { queryDatabase } from './databases';
import { crashedServices, recordFigures } from './figures';
import { createGroup, createTechnician, uniqueEmail } from './fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from './imports';
import { Stack } from './stack';

export const API = '/api/v1';

const HEAD_SENT = 32 * 1024;

/**
 * The stack of one HTTP abuse suite (test/e2e/http-abuse-*.e2e-spec.ts, issue 6), as the
 * bootstrap Master Administrator, with a group ("Abuse home"), a technician in it and a
 * finished import to aim at; every request it sends is counted. After the suite's tests
 * the stack must be whole (healthy, every service running, no 5xx); its figures are
 * recorded as a `part` of the suite http-abuse.
 */
export class HttpAbuse {
  /** What this suite sent and got back, for test-results/figures.jsonl. */
  readonly figures = {
    requests: 0,
    status5xx: 0,
    connectionsClosedWithoutAnswer: 0,
    byStatus: {} as Record<string, number>,
  };
  stack!: Stack;
  token!: string;
  home!: { id: string };
  technician!: { id: string };
  importId!: string;

  private constructor(private readonly part: string) {}

  /** Registers the suite's beforeAll and afterAll; `label` names its stack (unique in test/e2e). */
  static use(label: string, part: string): HttpAbuse {
    const abuse = new HttpAbuse(part);
    beforeAll(() => abuse.start(label));
    afterAll(() => abuse.finish());
    return abuse;
  }

  private async start(label: string): Promise<void> {
    const stack = await Stack.start(label);
    this.stack = stack;
    const token = await stack.adminToken();
    this.token = token;
    const home = await createGroup(stack.api, token, { name: 'Abuse home' });
    this.home = home;
    this.technician = await createTechnician(stack.api, token, home.id);
    const upload = await uploadImport(
      stack,
      token,
      csvImportFile([
        technicianRow(home.id, { email: uniqueEmail('abuse'), password: 'Imp-Pace-51' }),
      ]),
    );
    expect(upload.status).toBe(202);
    this.importId = upload.body.id;
    await waitForImport(stack, token, this.importId);
  }

  private async finish(): Promise<void> {
    recordFigures({
      suite: 'http-abuse',
      part: this.part,
      ...this.figures,
      crashes: crashedServices(this.stack),
    });
    try {
      if (this.stack) await this.expectWhole();
    } finally {
      await this.stack?.stop();
    }
  }

  /** Healthy, every service process running, no 5xx counted, and a signed-in request works. */
  readonly expectWhole = async (): Promise<void> => {
    const health = await this.send('GET', `${API}/health`, { token: null });
    expect(health.status).toBe(200);
    for (const [name, service] of Object.entries(this.stack.services)) {
      expect({ name, running: service.running }).toEqual({ name, running: true });
    }
    expect(this.figures.status5xx).toBe(0);
    const me = await this.send('GET', `${API}/me`);
    expect(me.status).toBe(200);
  };

  /** Counts an answer the suite got some other way (fetch on its own). */
  readonly count = (status: number): void => {
    this.figures.requests += 1;
    this.figures.byStatus[status] = (this.figures.byStatus[status] ?? 0) + 1;
    if (status >= 500) this.figures.status5xx += 1;
  };

  /** One request through fetch, counted. */
  readonly send = async (
    method: string,
    url: string,
    options: {
      body?: unknown;
      rawBody?: RequestInit['body'];
      token?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse> => {
    const response = await this.stack.api.request(method, url, {
      body: options.body,
      rawBody: options.rawBody,
      headers: options.headers,
      token: options.token === null ? undefined : (options.token ?? this.token),
    });
    this.count(response.status);
    return response;
  };

  /** Reads what the server writes until it closes the connection; counts its status (or its silence). */
  private readAnswer(
    socket: net.Socket,
    resolve: (answer: { status: number; text: string }) => void,
  ) {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      if (status) this.count(status);
      else this.figures.connectionsClosedWithoutAnswer += 1;
      resolve({ status, text });
    });
  }

  /**
   * One request written to a socket as raw bytes; resolves with the status line's code (0
   * when the server closed the connection without answering) once the server closes it.
   */
  readonly sendRaw = (request: Buffer | string): Promise<{ status: number; text: string }> => {
    return new Promise((resolve) => {
      const socket = net.connect(this.stack.env.port, '127.0.0.1');
      this.readAnswer(socket, resolve);
      // Writing may fail once the server has answered and closed: the answer is what counts.
      socket.on('error', () => undefined);
      socket.end(request);
    });
  };

  /**
   * Node refuses a request head past its limit (16 KiB, --max-http-header-size) as soon as
   * it has read past it: it writes 431 and closes the connection, whatever else is coming.
   * A client still writing the rest of a huge head at that moment races the close: when
   * unread bytes are left the server's kernel resets the connection, the client's next
   * write fails (EPIPE) and Node destroys the socket before the 431 waiting in it is read
   * (status 0: the flake of issue 10). So at most the first 32 KiB go, in one write the
   * kernel takes at once: past the limit even for heads of many short lines, and all the
   * server reads before it answers. Then the client only reads.
   */
  readonly sendOversizedHead = (head: string): Promise<{ status: number; text: string }> => {
    const bytes = Buffer.from(head, 'latin1');
    return new Promise((resolve, reject) => {
      const socket = net.connect(this.stack.env.port, '127.0.0.1');
      this.readAnswer(socket, resolve);
      socket.on('error', () => undefined);
      socket.on('connect', () => {
        socket.write(bytes.subarray(0, HEAD_SENT));
        // Nothing left for a later write to fail on: the kernel took it all.
        if (socket.writableLength !== 0)
          reject(new Error('the kernel did not take 32 KiB at once'));
      });
    });
  };

  readonly groupCount = async () =>
    Number(
      (
        await queryDatabase<{ n: string }>(
          this.stack.env.databases.org,
          'SELECT count(*) AS n FROM groups',
        )
      )[0].n,
    );
}
