#!/usr/bin/env node
/*
 * Container health check of a service that has no HTTP port: asks it `<service>.health.v1`
 * over RabbitMQ and exits 0 when it answers "up" within 5 seconds, 1 otherwise.
 * Usage: node scripts/health-probe.js identity|org|import|audit
 */
'use strict';
const amqp = require('amqplib');
const { randomUUID } = require('node:crypto');

const service = process.argv[2];
const prefix = process.env.QUEUE_PREFIX || 'rac';
const url = process.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672';

async function probe() {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    const reply = new Promise((resolve) => {
      void channel.consume('amq.rabbitmq.reply-to', (message) => resolve(message), { noAck: true });
    });
    const packet = { pattern: `${service}.health.v1`, data: {}, id: randomUUID() };
    channel.sendToQueue(`${prefix}.${service}.commands`, Buffer.from(JSON.stringify(packet)), {
      replyTo: 'amq.rabbitmq.reply-to',
      correlationId: packet.id,
    });
    const message = await Promise.race([
      reply,
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]);
    const answer = message && JSON.parse(message.content.toString());
    return answer && answer.response && answer.response.status === 'up';
  } finally {
    await connection.close();
  }
}

probe().then(
  (up) => process.exit(up ? 0 : 1),
  () => process.exit(1),
);
