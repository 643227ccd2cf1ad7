// One worker of the pool (an M in parallel mode). It instantiates the page's
// wasm module on the page's shared memory, then runs jobs: each job message
// carries the address of a boxed Rust closure for `golab_worker_entry`.
// Messages that arrive while the module is still loading wait in `queue`.
let glue = null;
const queue = [];

function run(msg) {
  try {
    glue.golab_worker_entry(msg.job);
    self.postMessage({ type: "done", id: msg.id });
  } catch (e) {
    self.postMessage({ type: "failed", id: msg.id, message: String(e) });
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type !== "init") {
    if (glue === null) queue.push(msg);
    else run(msg);
    return;
  }
  try {
    const module = await import(msg.glueUrl);
    module.initSync({ module: msg.module, memory: msg.memory });
    glue = module;
  } catch (e) {
    self.postMessage({ type: "error", message: "worker start-up failed: " + String(e) });
    return;
  }
  for (const m of queue.splice(0)) run(m);
};
