// Where the widget keeps its state in the browser.
//
// The session id lives in localStorage, so the same Rasa conversation goes on
// across reloads and tabs. The transcript and the unsent messages live in
// sessionStorage: a reload keeps them, but closing the tab clears this
// person's words from the screen of what may be a shared device.

const SESSION_KEY = "heartwise.session_id";
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
const session = safeStore("sessionStorage");

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

export const storage = {
  sessionId() {
    let id = local.getItem(SESSION_KEY);
    if (!id) {
      id = newId();
      local.setItem(SESSION_KEY, id);
    }
    return id;
  },
  setSessionId(id) {
    local.setItem(SESSION_KEY, id);
  },
  transcript(sessionId) {
    const saved = readJson(session, TRANSCRIPT_KEY, null);
    return saved && saved.sessionId === sessionId ? saved.entries : [];
  },
  saveTranscript(sessionId, entries) {
    session.setItem(
      TRANSCRIPT_KEY,
      JSON.stringify({ sessionId, entries: entries.slice(-MAX_TRANSCRIPT) }),
    );
  },
  outbox(sessionId) {
    const saved = readJson(session, OUTBOX_KEY, null);
    return saved && saved.sessionId === sessionId ? saved.items : [];
  },
  saveOutbox(sessionId, items) {
    session.setItem(OUTBOX_KEY, JSON.stringify({ sessionId, items }));
  },
};
