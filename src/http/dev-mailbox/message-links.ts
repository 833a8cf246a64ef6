// The links of a message, as real links for the dev mailbox: a newcomer clicks the activation link of a C07
// there instead of copying it out of the HTML source.
const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>' };

/** Every distinct http(s) address of the HTML part's href attributes and of the text part, in order. */
export function messageLinks(text: string, html: string | null): string[] {
  const fromHtml = [...(html ?? '').matchAll(/\bhref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!.replace(/&(amp|quot|#39|#x27|lt|gt);/g, (e) => ENTITIES[e]!));
  const fromText = [...text.matchAll(/https?:\/\/[^\s<>"']+/g)].map((m) => m[0].replace(/[.,;:!?)]+$/, ''));
  return [...new Set([...fromHtml, ...fromText])].filter((url) => /^https?:\/\//i.test(url));
}
