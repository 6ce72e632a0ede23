// Undo/redo over snapshots of the configuration. Edits to the same block within a short
// window (typing in one field) merge into one step.
const MERGE_WINDOW_MS = 600;
const LIMIT = 200;

export class History {
  constructor() {
    this.reset(null);
  }

  reset(snapshot) {
    this.stack = snapshot == null ? [] : [snapshot];
    this.position = this.stack.length - 1;
    this.lastAt = 0;
    this.lastTarget = null;
    this.lastShape = null;
    this.keys = null;
  }

  get canUndo() {
    return this.position > 0;
  }

  get canRedo() {
    return this.position < this.stack.length - 1;
  }

  // ``target``: the block being edited; ``shape``: which blocks exist, in order. Only edits
  // that leave the shape alone merge, so adding, moving or deleting is always its own step.
  // (After undo/redo the watcher reports the restored snapshot itself, which is a no-op.)
  record(snapshot, target, shape) {
    if (this.position < 0 || snapshot === this.stack[this.position]) return;
    const now = Date.now();
    const merge =
      target != null && target === this.lastTarget && shape === this.lastShape && now - this.lastAt < MERGE_WINDOW_MS && this.position > 0;
    this.stack.splice(this.position + 1);
    if (merge) this.stack[this.position] = snapshot;
    else this.stack.push(snapshot);
    if (this.stack.length > LIMIT) this.stack.shift();
    this.position = this.stack.length - 1;
    this.lastAt = now;
    this.lastTarget = target;
    this.lastShape = shape;
  }

  undo() {
    if (!this.canUndo) return null;
    this.position -= 1;
    this.lastTarget = null;
    return this.stack[this.position];
  }

  redo() {
    if (!this.canRedo) return null;
    this.position += 1;
    this.lastTarget = null;
    return this.stack[this.position];
  }
}
