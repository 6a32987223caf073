// The socket.io conversation with Heartwise's socketio channel
// (channels/socketio.py).
//
// Sessions: the server issues the session id and a signed token. The widget
// asks to resume with both; if the server cannot verify them (expired, or
// never issued), it confirms a new session instead, and `onSession` says so.
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
  // `session` is { id, token } to resume, or null for a new conversation.
  constructor(config, session, handlers) {
    this.config = config;
    this.session = session;
    this.handlers = handlers;
    this.outbox = storage.outbox();
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
    this.socket.on("session_confirm", (confirmed) => this.onSessionConfirmed(confirmed));
    // The server refuses malformed requests with an "error" event; the
    // widget never sends one, so there is nothing to show the person.
    this.socket.on("error", (problem) => console.warn("Heartwise:", problem && problem.error));
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

  // A new conversation: no session to resume and an empty outbox.
  restart() {
    this.session = null;
    this.outbox = [];
    this.inFlight = null;
    this.persist();
    this.socket.disconnect();
    this.start();
  }

  requestSession() {
    this.confirmed = false;
    const resume = this.session ? { session_id: this.session.id, token: this.session.token } : {};
    this.socket.emit("session_request", resume);
    // A request lost on the way (seen once behind a proxy) would otherwise
    // leave the widget "connecting" for good. Asking again is harmless: the
    // server confirms the same session, or a new one when there was none.
    clearTimeout(this.sessionRetry);
    this.sessionRetry = setTimeout(() => {
      if (!this.confirmed && this.socket.connected) this.requestSession();
    }, this.config.sessionRetryMs);
  }

  onSessionConfirmed(confirmed) {
    if (!confirmed || typeof confirmed.session_id !== "string" || typeof confirmed.token !== "string") return;
    clearTimeout(this.sessionRetry);
    this.session = { id: confirmed.session_id, token: confirmed.token };
    this.handlers.onSession(this.session, Boolean(confirmed.resumed));
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
      { message: item.payload, session_id: this.session.id, metadata: { message_id: item.id } },
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
    storage.saveOutbox(this.outbox);
  }

  setStatus(status) {
    this.handlers.onStatus(status);
  }
}
