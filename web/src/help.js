// The "Need help now?" panel. It is built into the widget, with no server
// round trip, so it works even when the chat server is down. Keep these
// lines in step with utter_crisis_resources and utter_abuse_support in
// domain.yml (tests/browser checks that they match).

export const HELP_LINES = [
  {
    region: "In immediate danger",
    text: "Call your local emergency number (911 in the US, 999 in the UK, 112 in the EU).",
  },
  {
    region: "US",
    text: "988 Suicide & Crisis Lifeline: call or text 988.",
    links: [
      { label: "Call 988", href: "tel:988" },
      { label: "Text 988", href: "sms:988" },
    ],
  },
  {
    region: "US",
    text: "Crisis Text Line: text HOME to 741741.",
    links: [{ label: "Text HOME to 741741", href: "sms:741741?body=HOME" }],
  },
  {
    region: "UK and Ireland",
    text: "Samaritans: call 116 123, free, day or night.",
    links: [{ label: "Call 116 123", href: "tel:116123" }],
  },
  {
    region: "Domestic abuse",
    text: "US: National Domestic Violence Hotline, call 1-800-799-7233 or text START to 88788. UK: National Domestic Abuse Helpline 0808 2000 247.",
    links: [
      { label: "Call 1-800-799-7233", href: "tel:18007997233" },
      { label: "Text START to 88788", href: "sms:88788?body=START" },
      { label: "Call 0808 2000 247", href: "tel:08082000247" },
    ],
  },
  {
    region: "Anywhere else",
    text: "Find a free, confidential line in your country at findahelpline.com.",
    links: [{ label: "findahelpline.com", href: "https://findahelpline.com" }],
  },
];

export function renderHelp(container, el) {
  container.append(
    el("h3", { class: "hw-help-title" }, "You don't have to go through this alone"),
    el(
      "ul",
      { class: "hw-help-list" },
      ...HELP_LINES.map((line) =>
        el(
          "li",
          {},
          el("strong", {}, `${line.region}: `),
          line.text,
          ...(line.links || []).map((link) =>
            el(
              "a",
              {
                class: "hw-help-link",
                href: link.href,
                ...(link.href.startsWith("http") ? { target: "_blank", rel: "noopener noreferrer" } : {}),
              },
              link.label,
            ),
          ),
        ),
      ),
    ),
  );
}
