// Where the widget keeps its state in the browser.
//
// The session (the id the server issued, its signed token and when it was
// last used) lives in localStorage, so the conversation goes on across reloads
// and tabs; on a shared device it lives in sessionStorage instead and ends
// with the tab. The transcript and the unsent messages always live in
// sessionStorage: a reload keeps them, but closing the tab clears this
// person's words from the screen.

const SESSION_KEY = "heartwise.session";
const SHARED_KEY = "heartwise.shared_device";
const TRANSCRIPT_KEY = "heartwise.transcript";
const OUTBOX_KEY = "heartwise.outbox";
const MAX_TRANSCRIPT = 300;

function safeStore(kind) {
  try {
    const store = window[kind];
    const probe = "heartwise.probe";
    store.setItem(probe, probe);
    store.removeItem(probe);
    return store;
  } catch {
    // Private modes and strict settings can refuse storage: fall back to
    // memory so the chat still works for this page view.
    const memory = new Map();
    return {
      getItem: (k) => (memory.has(k) ? memory.get(k) : null),
      setItem: (k, v) => memory.set(k, String(v)),
      removeItem: (k) => memory.delete(k),
    };
  }
}

const local = safeStore("localStorage");
const tab = safeStore("sessionStorage");

function readJson(store, key, fallback) {
  try {
    const value = JSON.parse(store.getItem(key));
    return value ?? fallback;
  } catch {
    return fallback;
  }
}

export function newId() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}

function validSession(value) {
  return value && typeof value.id === "string" && typeof value.token === "string" ? value : null;
}

export const storage = {
  sharedDevice() {
    return local.getItem(SHARED_KEY) === "true";
  },
  setSharedDevice(shared) {
    const session = this.session();
    if (shared) local.setItem(SHARED_KEY, "true");
    else local.removeItem(SHARED_KEY);
    local.removeItem(SESSION_KEY);
    tab.removeItem(SESSION_KEY);
    if (session) this.saveSession(session);
  },
  // { id, token, lastActive } or null.
  session() {
    const store = this.sharedDevice() ? tab : local;
    return validSession(readJson(store, SESSION_KEY, null));
  },
  saveSession({ id, token }) {
    const store = this.sharedDevice() ? tab : local;
    store.setItem(SESSION_KEY, JSON.stringify({ id, token, lastActive: Date.now() }));
  },
  touchSession() {
    const session = this.session();
    if (session) this.saveSession(session);
  },
  forgetSession() {
    local.removeItem(SESSION_KEY);
    tab.removeItem(SESSION_KEY);
    tab.removeItem(TRANSCRIPT_KEY);
    tab.removeItem(OUTBOX_KEY);
  },
  transcript(sessionId) {
    const saved = readJson(tab, TRANSCRIPT_KEY, null);
    return saved && sessionId && saved.sessionId === sessionId ? saved.entries : [];
  },
  saveTranscript(sessionId, entries) {
    tab.setItem(TRANSCRIPT_KEY, JSON.stringify({ sessionId, entries: entries.slice(-MAX_TRANSCRIPT) }));
  },
  outbox() {
    const items = readJson(tab, OUTBOX_KEY, []);
    return Array.isArray(items) ? items : [];
  },
  saveOutbox(items) {
    tab.setItem(OUTBOX_KEY, JSON.stringify(items));
  },
};
