// The socket.io conversation with Rasa's socketio channel
// (session_persistence: true in credentials.yml).
//
// Delivery: messages wait in an outbox (kept in sessionStorage) and go out one
// at a time, in order, once the server has confirmed the session. Each is
// removed only when the server acknowledges it, which Rasa's channel does
// after it has processed the message. A message that was in flight when the
// connection dropped goes out again after the reconnect; socket.io's own
// send buffer is emptied on disconnect so that nothing is sent twice.

import { io } from "socket.io-client";
import { storage } from "./storage.js";

export class Connection {
  constructor(config, sessionId, handlers) {
    this.config = config;
    this.sessionId = sessionId;
    this.handlers = handlers;
    this.outbox = storage.outbox(sessionId);
    this.confirmed = false;
    this.inFlight = null;
    this.attempt = 0;
    this.socket = io(config.serverUrl, {
      path: config.socketPath,
      transports: ["websocket"],
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    this.socket.on("connect", () => this.requestSession());
    this.socket.on("session_confirm", (id) => this.onSessionConfirmed(id));
    this.socket.on("bot_uttered", (message) => handlers.onBotMessage(message || {}));
    this.socket.on("disconnect", (reason) => this.onDisconnect(reason));
    this.socket.on("connect_error", () => this.setStatus("reconnecting"));
  }

  start() {
    this.setStatus("connecting");
    this.socket.connect();
  }

  get pendingCount() {
    return this.outbox.length;
  }

  send(item) {
    this.outbox.push(item);
    this.persist();
    this.pump();
  }

  // A new conversation: a fresh session id and an empty outbox.
  restart(sessionId) {
    this.sessionId = sessionId;
    this.outbox = [];
    this.inFlight = null;
    this.persist();
    this.socket.disconnect();
    this.start();
  }

  requestSession() {
    this.confirmed = false;
    this.socket.emit("session_request", { session_id: this.sessionId });
  }

  onSessionConfirmed(id) {
    if (id !== this.sessionId) return;
    this.confirmed = true;
    this.setStatus("online");
    this.pump();
  }

  onDisconnect(reason) {
    this.confirmed = false;
    this.socket.sendBuffer = [];
    this.inFlight = null;
    this.attempt += 1;
    // Our own disconnect (a new conversation) reconnects at once: no alarm.
    if (reason !== "io client disconnect") this.setStatus("reconnecting");
    // socket.io does not reconnect by itself when the server closed the socket.
    if (reason === "io server disconnect") this.socket.connect();
  }

  pump() {
    if (!this.confirmed || this.inFlight || this.outbox.length === 0) return;
    const item = this.outbox[0];
    const attempt = ++this.attempt;
    this.inFlight = item;
    this.handlers.onSending(item);
    this.socket.timeout(this.config.replyTimeoutMs).emit(
      "user_uttered",
      { message: item.payload, session_id: this.sessionId, metadata: { message_id: item.id } },
      (error) => {
        if (attempt !== this.attempt) return; // superseded by a disconnect
        // A timeout on a live connection means a slow server, not a lost
        // message: sending it again would make the bot answer twice.
        if (error && !this.socket.connected) return;
        this.outbox.shift();
        this.inFlight = null;
        this.persist();
        this.handlers.onDelivered(item);
        this.pump();
      },
    );
  }

  persist() {
    storage.saveOutbox(this.sessionId, this.outbox);
  }

  setStatus(status) {
    this.handlers.onStatus(status);
  }
}
