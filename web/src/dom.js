// Builds DOM nodes from data. Message content only ever becomes text nodes
// (or the href of an http(s) link), never markup.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// http(s) URLs, and bare domains such as findahelpline.com that the bot's
// answers mention.
const LINK = /\bhttps?:\/\/[^\s<>"']+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|uk|ie|info|gov)(?:\/[^\s<>"']*)?/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

export function linkified(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const shown = match[0].replace(TRAILING_PUNCTUATION, "");
    const start = match.index;
    fragment.append(text.slice(last, start));
    const href = /^https?:\/\//i.test(shown) ? shown : `https://${shown}`;
    let url;
    try {
      url = new URL(href);
    } catch {
      url = null;
    }
    if (url && (url.protocol === "https:" || url.protocol === "http:")) {
      fragment.append(el("a", { href: url.href, target: "_blank", rel: "noopener noreferrer" }, shown));
    } else {
      fragment.append(shown);
    }
    last = start + shown.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}
