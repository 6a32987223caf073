// Heartwise chat widget. Embed with:
//   <script src="/heartwise-widget.js" data-server-url="https://chat.example.org" defer></script>

import css from "./widget.css";
import { readConfig } from "./config.js";
import { Connection } from "./connection.js";
import { el, linkified } from "./dom.js";
import { renderHelp } from "./help.js";
import { newId, storage } from "./storage.js";

const STATUS_TEXT = {
  connecting: "Connecting…",
  online: "",
  reconnecting: "Connection lost. Reconnecting…",
};

// What the server reads of one message (channels/limits.py).
const MAX_MESSAGE_CHARS = 2000;

class HeartwiseWidget {
  constructor(config) {
    this.config = config;
    const saved = storage.session();
    this.sessionId = saved ? saved.id : null;
    // Someone else may be at this device now: after a long pause, ask before
    // showing or continuing the earlier conversation.
    this.askToResume = Boolean(saved && Date.now() - saved.lastActive > config.idleHours * 3600_000);
    this.entries = this.askToResume ? [] : storage.transcript(this.sessionId);
    this.typingTimer = null;
    this.host = el("div", { id: "heartwise-widget" });
    this.root = this.host.attachShadow({ mode: "open" });
    this.adoptStyles();
    this.build();
    this.connection = new Connection(config, saved, {
      onSession: (session, resumed) => this.onSession(session, resumed),
      onBotMessage: (message) => this.onBotMessage(message),
      onStatus: (status) => this.onStatus(status),
      onSending: (item) => this.onSending(item),
      onDelivered: (item) => this.onDelivered(item),
    });
  }

  adoptStyles() {
    const { color, colorText } = this.config;
    // Only a valid CSS colour gets through: the attribute must not be able to inject rules.
    const valid = (value, fallback) => (CSS.supports("color", value) ? value : fallback);
    const themed = `${css}\n:host { --hw-accent: ${valid(color, "#1d5c57")}; --hw-accent-text: ${valid(colorText, "#ffffff")}; }`;
    // Constructable stylesheets keep working on sites whose CSP forbids inline styles.
    if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(themed);
      this.root.adoptedStyleSheets = [sheet];
    } else {
      this.root.append(el("style", {}, themed));
    }
  }

  build() {
    const { title, subtitle } = this.config;
    this.launcher = el(
      "button",
      { class: "hw-launcher", type: "button", "aria-expanded": "false", "aria-controls": "hw-panel" },
      `Talk to ${title}`,
    );
    this.helpToggle = el(
      "button",
      { class: "hw-help-toggle", type: "button", "aria-expanded": "false", "aria-controls": "hw-help" },
      "Need help now?",
    );
    this.closeButton = el("button", { class: "hw-icon-button", type: "button", "aria-label": "Close chat" }, "×");
    this.help = el("div", { class: "hw-help", id: "hw-help", role: "region", "aria-label": "Urgent help", hidden: true });
    renderHelp(this.help, el);
    this.newButton = el("button", { class: "hw-text-button", type: "button" }, "New conversation");
    this.deleteButton = el("button", { class: "hw-text-button", type: "button" }, "Delete my data");
    this.forgetButton = el("button", { class: "hw-text-button", type: "button" }, "Forget on this device");
    this.sharedBox = el("input", { type: "checkbox", id: "hw-shared", class: "hw-check" });
    this.sharedBox.checked = storage.sharedDevice();
    this.resumePrompt = el(
      "div",
      { class: "hw-resume", role: "group", "aria-label": "Earlier conversation", hidden: true },
      el("p", {}, "There is an earlier conversation on this device. Is it yours?"),
      el("button", { class: "hw-reply", type: "button", "data-choice": "continue" }, "Yes, continue it"),
      el("button", { class: "hw-reply", type: "button", "data-choice": "new" }, "No, start a new one"),
    );
    this.status = el("p", { class: "hw-status", role: "status" });
    this.log = el("div", { class: "hw-log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
    this.typing = el(
      "p",
      { class: "hw-typing", hidden: true },
      el("span", { class: "hw-dots", "aria-hidden": "true" }, el("span"), el("span"), el("span")),
      `${title} is typing…`,
    );
    this.input = el("textarea", {
      id: "hw-input",
      class: "hw-input",
      rows: "1",
      maxlength: String(MAX_MESSAGE_CHARS),
      placeholder: "Type a message…",
      "aria-describedby": "hw-input-hint",
    });
    this.form = el(
      "form",
      { class: "hw-form" },
      el("label", { for: "hw-input", class: "hw-visually-hidden" }, `Message to ${title}`),
      this.input,
      el("button", { class: "hw-send", type: "submit" }, "Send"),
      el("p", { id: "hw-input-hint", class: "hw-visually-hidden" }, "Enter sends, Shift+Enter starts a new line."),
    );
    this.panel = el(
      "section",
      { class: "hw-panel", id: "hw-panel", "aria-label": `${title} chat`, hidden: true },
      el(
        "header",
        { class: "hw-header" },
        el("div", { class: "hw-titles" }, el("h2", { class: "hw-title" }, title), el("p", { class: "hw-subtitle" }, subtitle)),
        this.helpToggle,
        this.closeButton,
      ),
      this.help,
      el(
        "div",
        { class: "hw-toolbar" },
        this.newButton,
        this.deleteButton,
        this.forgetButton,
        el("label", { class: "hw-shared", for: "hw-shared" }, this.sharedBox, "Shared device"),
      ),
      this.status,
      this.resumePrompt,
      this.log,
      this.typing,
      this.form,
    );
    this.root.append(el("div", { class: "hw" }, this.panel, this.launcher));

    this.launcher.addEventListener("click", () => this.setOpen(true));
    this.closeButton.addEventListener("click", () => this.setOpen(false));
    this.helpToggle.addEventListener("click", () => this.toggleHelp());
    this.newButton.addEventListener("click", () => this.newConversation());
    this.deleteButton.addEventListener("click", () => this.send("/delete_my_data", "Delete my data"));
    this.forgetButton.addEventListener("click", () => this.newConversation());
    this.sharedBox.addEventListener("change", () => storage.setSharedDevice(this.sharedBox.checked));
    this.resumePrompt.addEventListener("click", (event) => {
      const choice = event.target.closest("button")?.dataset.choice;
      if (choice) this.answerResume(choice === "continue");
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitTyped();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitTyped();
      }
    });
    this.input.addEventListener("input", () => this.fitInput());
  }

  mount() {
    document.body.append(this.host);
    this.renderAll();
    this.setOpen(this.config.open, { focus: false });
    if (this.askToResume) {
      // Nothing typed now could be sent before the answer says where to.
      this.resumePrompt.hidden = false;
      this.input.disabled = true;
      return;
    }
    this.connect();
  }

  connect() {
    this.connection.start();
    if (this.entries.length === 0 && this.connection.pendingCount === 0) this.greet();
  }

  answerResume(resume) {
    this.resumePrompt.hidden = true;
    this.askToResume = false;
    this.input.disabled = false;
    if (!resume) {
      this.newConversation();
      return;
    }
    this.entries = storage.transcript(this.sessionId);
    this.renderAll();
    this.connect();
  }

  setOpen(open, { focus = true } = {}) {
    this.panel.hidden = !open;
    this.launcher.hidden = open;
    this.launcher.setAttribute("aria-expanded", String(open));
    if (focus) (open ? this.input : this.launcher).focus();
    if (open) this.scrollToEnd();
  }

  toggleHelp() {
    const open = this.help.hidden;
    this.help.hidden = !open;
    this.helpToggle.setAttribute("aria-expanded", String(open));
  }

  greet() {
    if (this.config.initialPayload) this.send(this.config.initialPayload, null);
  }

  submitTyped() {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = "";
    this.fitInput();
    this.send(text, text);
  }

  // `shown` is what appears in the transcript (a button's title for its
  // payload); null sends without showing anything, as for the greeting.
  send(payload, shown) {
    const item = { id: newId(), payload };
    storage.touchSession();
    this.clearButtons();
    if (shown !== null) this.add({ id: item.id, from: "user", text: shown, pending: true });
    this.connection.send(item);
  }

  // A new conversation, and nothing of the old one left on this device: the
  // server keeps it (deleting is "Delete my data"), but without its token no
  // one can open it from here again.
  newConversation() {
    storage.forgetSession();
    this.sessionId = null;
    this.entries = [];
    this.renderAll();
    this.connection.restart();
    this.greet();
  }

  onSession(session, resumed) {
    storage.saveSession(session);
    if (session.id === this.sessionId) return;
    if (this.sessionId && !resumed) {
      // The earlier conversation could not be resumed (its token expired):
      // what is on screen belongs to it, not to this one.
      this.entries = this.entries.filter((e) => e.pending);
      this.renderAll();
    }
    this.sessionId = session.id;
    this.save();
  }

  onSending() {
    this.showTyping(true);
  }

  onDelivered(item) {
    const entry = this.entries.find((e) => e.id === item.id);
    if (entry) {
      entry.pending = false;
      this.save();
      this.log.querySelector(`[data-id="${entry.id}"] .hw-pending`)?.remove();
    }
    this.showTyping(false);
  }

  onBotMessage(message) {
    this.showTyping(false);
    if (message.event === "data_deleted") {
      // The server has deleted this conversation; forget our copy too and
      // keep only the bot's confirmation.
      this.entries = this.entries.filter((e) => e.from === "bot").slice(-1);
      this.save();
      this.renderAll();
      return;
    }
    const buttons = (message.quick_replies || message.buttons || [])
      .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
      .map(({ title, payload }) => ({ title, payload }));
    if (typeof message.text === "string" && message.text.trim()) {
      this.add({ id: newId(), from: "bot", text: message.text, buttons });
    }
  }

  onStatus(status) {
    const queued = this.connection ? this.connection.pendingCount : 0;
    let text = STATUS_TEXT[status] || "";
    if (status === "reconnecting" && queued) {
      text += ` ${queued} message${queued === 1 ? "" : "s"} will be sent when we're back.`;
    }
    this.status.textContent = text;
    this.status.hidden = !text;
    this.panel.dataset.status = status;
    if (status !== "online") this.showTyping(false);
  }

  showTyping(visible) {
    clearTimeout(this.typingTimer);
    this.typing.hidden = !visible;
    if (visible) this.typingTimer = setTimeout(() => this.showTyping(false), this.config.replyTimeoutMs);
  }

  save() {
    if (this.sessionId) storage.saveTranscript(this.sessionId, this.entries);
  }

  // New messages are appended, never re-rendered, so that screen readers
  // announce each message once.
  add(entry) {
    this.entries.push(entry);
    this.save();
    this.log.append(this.renderEntry(entry));
    this.scrollToEnd();
  }

  clearButtons() {
    for (const entry of this.entries) delete entry.buttons;
    this.log.querySelectorAll(".hw-replies").forEach((group) => group.remove());
  }

  renderAll() {
    this.log.replaceChildren(...this.entries.map((entry) => this.renderEntry(entry)));
    this.scrollToEnd();
  }

  renderEntry(entry) {
    const turn = el(
      "div",
      { class: `hw-turn hw-${entry.from}`, "data-id": entry.id },
      el(
        "div",
        { class: "hw-message" },
        el("span", { class: "hw-visually-hidden" }, entry.from === "bot" ? `${this.config.title}:` : "You:"),
        el("p", { class: "hw-text" }, entry.from === "bot" ? linkified(entry.text) : entry.text),
        // Shown (by CSS) only while the connection is down.
        entry.pending ? el("span", { class: "hw-pending" }, "Not sent yet") : null,
      ),
    );
    if (entry.buttons && entry.buttons.length) {
      const replies = el("div", { class: "hw-replies", role: "group", "aria-label": "Suggested replies" });
      for (const button of entry.buttons) {
        const node = el("button", { class: "hw-reply", type: "button" }, button.title);
        node.addEventListener("click", () => this.send(button.payload, button.title));
        replies.append(node);
      }
      turn.append(replies);
    }
    return turn;
  }

  scrollToEnd() {
    const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.log.scrollTo({ top: this.log.scrollHeight, behavior: reduced ? "auto" : "smooth" });
  }

  fitInput() {
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight, 160)}px`;
  }
}

const script = document.currentScript;
function boot() {
  if (document.getElementById("heartwise-widget")) return;
  const widget = new HeartwiseWidget(readConfig(script));
  widget.mount();
  window.Heartwise = { open: () => widget.setOpen(true), close: () => widget.setOpen(false) };
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
