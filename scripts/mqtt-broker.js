'use strict';
/*
 * npm start's MQTT broker, for the MQTT examples (examples/MQTT edge - ...,
 * examples/MQTT control room - ...): the one named by MQTT_BROKER
 * ("host:port", "mqtt://host:port" or "host"; Mosquitto, a cluster's address),
 * else one embedded here: aedes on 127.0.0.1:MQTT_PORT (1883), or on a free
 * port when that one is taken. A development tool: the package itself has no
 * broker and no MQTT client (Node-RED's mqtt nodes are the client).
 */
const net = require('net');

const DEFAULT_PORT = 1883;

/** MQTT_BROKER as host and port; undefined when it is not set. Throws on one that is not an address. */
function configuredBroker(value = process.env.MQTT_BROKER) {
  const text = String(value ?? '').trim();
  if (!text) return undefined;
  const m = /^(?:mqtt:\/\/)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(text);
  const port = m && m[2] ? Number(m[2]) : DEFAULT_PORT;
  if (!m || port < 1 || port > 65535) throw new Error(`MQTT_BROKER: host, host:port or mqtt://host:port (got "${text}")`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port, embedded: false };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * The embedded broker: { host, port, embedded: true, note, close() }. aedes
 * keeps retained messages and sessions in memory while npm start runs.
 */
async function startEmbeddedBroker(port = Number(process.env.MQTT_PORT || DEFAULT_PORT)) {
  const { Aedes } = require('aedes');
  const aedes = await Aedes.createBroker();
  const server = net.createServer(aedes.handle);
  let bound;
  let note;
  try {
    bound = await listen(server, port);
  } catch (err) {
    if (err.code !== 'EADDRINUSE') throw err;
    bound = await listen(server, 0);
    note = `127.0.0.1:${port} is taken (another broker? set MQTT_BROKER=127.0.0.1:${port} to use it)`;
  }
  return {
    host: '127.0.0.1',
    port: bound,
    embedded: true,
    note,
    close: () =>
      new Promise((resolve) => {
        // Clients first: server.close waits for every open connection.
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}

module.exports = { configuredBroker, startEmbeddedBroker, DEFAULT_PORT };
