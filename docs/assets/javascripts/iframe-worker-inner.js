/* The helpers iframe-worker.js gives the frame that runs a worker's script from file://
 * (formerly an inline script; see iframe-worker.js). MIT licence, as iframe-worker. */
"use strict";
window.postMessage = function (data, origin) { parent.postMessage(data, origin || "*") }
window.importScripts = function (...urls) {
  return urls.reduce((p, url) => p.then(() => new Promise(done => {
    const s = document.createElement("script"); s.src = url; s.onload = done
    document.body.appendChild(s)
  })), Promise.resolve())
}
addEventListener("error", ({ error }) => {
  parent.dispatchEvent(new ErrorEvent("error", { filename: frameElement.dataset.worker, error }))
})
