/**
 * The app's side of a preview frame (the Worker's /preview/frame, see apps/worker/src/preview/frame.ts): waits
 * for the frame to say it is ready, hands it the page, and watches for the page trying to leave. No policy keeps a
 * page from starting a navigation today; the app's `frame-src 'self'` stops it (reporting where it was going),
 * and the frame gives it away: it says so as the page unloads, or, if the page dropped that listener (by opening
 * its document again, later), the frame loads again after a navigation was refused. A page that only rewrites
 * itself (`document.write` from a click) loads again too, but nothing was refused, so it is left alone. Then
 * `onLeave` says where it tried to go. The page's goodbye and the app's report of the refusal are separate tasks
 * in no promised order, so a goodbye waits a moment for the report (none comes for a navigation the app's policy
 * allows, such as to the app itself).
 */
const READY = "folio-preview-ready";
const RENDER = "folio-preview-render";
const LEAVING = "folio-preview-leaving";
/** How long a page's goodbye waits for the app's report of where it was going. */
const REPORT_WAIT_MS = 1000;

/** Where a page tried to go; null when all that is known is that it left. */
export type LeaveAttempt = { destination: string | null };

export function connectPreview(
  frame: HTMLIFrameElement,
  html: string,
  onLeave: (attempt: LeaveAttempt) => void,
): () => void {
  const view = frame.ownerDocument.defaultView as Window;
  let rendered = false;
  /** Loads of the frame since the page was handed over: the page's own is the first. */
  let loads = 0;
  let left = false;
  let blocked: string | null = null;
  /** Set once the page has said goodbye and the report of where it went is awaited. */
  let awaitingReport: ReturnType<typeof setTimeout> | null = null;

  const leave = (destination: string | null) => {
    if (awaitingReport !== null) clearTimeout(awaitingReport);
    awaitingReport = null;
    if (left) return;
    left = true;
    onLeave({ destination });
  };
  const saidGoodbye = () => {
    if (blocked !== null) return leave(blocked);
    if (awaitingReport === null && !left) awaitingReport = setTimeout(() => leave(blocked), REPORT_WAIT_MS);
  };
  // An unloading page's message has no source; this token, handed over with the page, tells it is this one's.
  const token = crypto.randomUUID();
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; token?: unknown } | null;
    if (data?.type === LEAVING && data.token === token) return saidGoodbye();
    if (event.source !== frame.contentWindow || data?.type !== READY || rendered) return;
    rendered = true;
    frame.contentWindow?.postMessage({ type: RENDER, html, token }, "*");
  };
  const onLoad = () => {
    if (!rendered) return;
    loads += 1;
    if (loads > 1 && blocked !== null) leave(blocked);
  };
  // The app's frame-src reports where a navigation it stopped was going (the frame's next load follows).
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.effectiveDirective !== "frame-src") return;
    blocked = event.blockedURI;
    if (awaitingReport !== null) leave(blocked);
  };
  view.addEventListener("message", onMessage);
  frame.addEventListener("load", onLoad);
  frame.ownerDocument.addEventListener("securitypolicyviolation", onViolation);
  return () => {
    if (awaitingReport !== null) clearTimeout(awaitingReport);
    view.removeEventListener("message", onMessage);
    frame.removeEventListener("load", onLoad);
    frame.ownerDocument.removeEventListener("securitypolicyviolation", onViolation);
  };
}
