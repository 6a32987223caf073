// Reads the embedding <script> tag's data- attributes. Everything has a
// default so that `<script src=".../heartwise-widget.js"></script>` alone works
// on a site that serves Heartwise from its own origin (nginx in deploy/).

const DEFAULTS = {
  serverUrl: "",
  socketPath: "/socket.io/",
  title: "Heartwise",
  subtitle: "A chatbot, not a person",
  initialPayload: "/greet",
  color: "#1d5c57",
  colorText: "#ffffff",
  open: "false",
  replyTimeoutMs: "20000",
  // A session request unanswered this long is sent again.
  sessionRetryMs: "8000",
  // After this long without a message, the widget asks whether the earlier
  // conversation is this person's before it shows or continues it.
  idleHours: "12",
};

export function readConfig(script) {
  const data = (script && script.dataset) || {};
  const pick = (key) => (data[key] !== undefined && data[key] !== "" ? data[key] : DEFAULTS[key]);
  return {
    serverUrl: pick("serverUrl") || window.location.origin,
    socketPath: pick("socketPath"),
    title: pick("title"),
    subtitle: pick("subtitle"),
    initialPayload: pick("initialPayload"),
    color: pick("color"),
    colorText: pick("colorText"),
    open: pick("open") === "true",
    replyTimeoutMs: Number(pick("replyTimeoutMs")) || 20000,
    sessionRetryMs: Number(pick("sessionRetryMs")) || 8000,
    idleHours: Number(pick("idleHours")) || 12,
  };
}
