/*
 * `npm start` on a terminal (LOG_FORMAT pretty): the services' JSON log lines, and the
 * supervisor's own, made readable with pino-pretty. Anything that is not a JSON log line
 * goes through unchanged: org prints the generated bootstrap password as a plain text block,
 * and it must reach whoever started the stack exactly as written.
 */
'use strict';
const { prettyFactory } = require('pino-pretty');

// Nest lists every module and route at start: tens of lines per service that say nothing
// a person at a terminal needs. Shown again with LOG_LEVEL debug or trace.
const STARTUP_CONTEXTS = new Set([
  'RouterExplorer',
  'RoutesResolver',
  'InstanceLoader',
  'NestFactory',
]);
const SERVICE_WIDTH = 'supervisor'.length + 1;

function createTerminalLog({ colorize, logLevel }) {
  const showStartup = logLevel === 'debug' || logLevel === 'trace';
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context',
    // Extra fields (a request's path and status, a child's pid) on the line they belong to.
    singleLine: true,
    messageFormat: (log, messageKey, _levelLabel, { colors }) => {
      const service = colors.magenta(String(log.service ?? '').padEnd(SERVICE_WIDTH));
      const context = log.context ? colors.gray(`[${log.context}] `) : '';
      return `${service}${context}${log[messageKey] ?? ''}`;
    },
  });

  /** One log object as a readable line (with its newline). */
  function formatObject(object) {
    return pretty(object);
  }

  /** One line of a child's output: a readable line, '' to hide it, or the line as it came. */
  function formatLine(line) {
    const object = parseLogLine(line);
    if (!object) return `${line}\n`;
    const info = object.level === 'info' || object.level === 30;
    if (info && !showStartup && STARTUP_CONTEXTS.has(object.context)) return '';
    return pretty(object);
  }

  /** Copies a child's stdout or stderr to `output` line by line, formatting each line. */
  function pipeLines(input, output) {
    input.setEncoding('utf8');
    let partial = '';
    input.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      const text = lines.map(formatLine).join('');
      if (text) output.write(text);
    });
    input.on('end', () => {
      if (partial) output.write(formatLine(partial));
    });
  }

  /** The block shown once the stack answers healthy. */
  function readyBlock({ url, docsUrl, bootstrapAdminEmail }) {
    const title = colorize
      ? `\x1b[1m\x1b[32mRescue Admin Center is ready\x1b[0m`
      : 'Rescue Admin Center is ready';
    return [
      '',
      `  ${title}`,
      `    Administration Center  ${url}`,
      `    API docs               ${docsUrl}`,
      `    First administrator    ${bootstrapAdminEmail}`,
      '',
      '',
    ].join('\n');
  }

  return { formatObject, formatLine, pipeLines, readyBlock };
}

/** The object of a JSON log line, or null for anything else (text, a bare number, an array). */
function parseLogLine(line) {
  if (!line.trimStart().startsWith('{')) return null;
  try {
    const value = JSON.parse(line);
    const hasLevel = typeof value?.level === 'string' || typeof value?.level === 'number';
    return value && typeof value === 'object' && !Array.isArray(value) && hasLevel ? value : null;
  } catch {
    return null;
  }
}

module.exports = { createTerminalLog };
