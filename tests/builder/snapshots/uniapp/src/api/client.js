// kaidian customer API client. A page's component reads are merged into ONE batch request,
// and answers are kept for a short while so tab switches do not refetch.
import settings from '@/api/settings.js'
import { request as runtimeRequest } from '@/runtime/request.js'
import { rememberAssignments, visitId } from '@/runtime/analytics.js'

const cache = new Map()
const inflight = new Map()

// Kept for components written before the runtime: request(method, path, data).
export function request(method, path, data) {
  return runtimeRequest(method, path, { data, auth: false, silent: true })
}

function fresh(key) {
  const hit = cache.get(key)
  return hit && Date.now() - hit.at < settings.cacheSeconds * 1000 ? hit.value : undefined
}

// Reads asked for in the same moment travel in ONE request: a page's blocks and the slot
// components over it (an ads overlay, say) mount together and each call batch(); the reads wait
// for the end of the current tick, then leave together (split at settings.batchLimit). The
// same read asked twice (or while it is on its way) is sent once.
let queue = null

function enqueue(key, item) {
  if (!queue) {
    queue = new Map()
    setTimeout(flush, 0)
  }
  let entry = queue.get(key)
  if (!entry) {
    entry = { key, item, waiting: [] }
    queue.set(key, entry)
  }
  const answer = new Promise((resolve) => entry.waiting.push(resolve))
  inflight.set(key, answer)
  return answer
}

function flush() {
  const entries = Array.from(queue.values())
  queue = null
  for (let start = 0; start < entries.length; start += settings.batchLimit) send(entries.slice(start, start + settings.batchLimit))
}

async function send(entries) {
  // Each read goes under its own id: callers' ids ("b0", "popup"…) may repeat across callers.
  const body = { shop_id: settings.shopId, requests: entries.map((entry, index) => ({ id: 'r' + index, source: entry.item.source, params: entry.item.params })) }
  let results = null
  try {
    // Public reads: a customer token is sent when there is one, but no login is forced.
    const reply = await request('POST', '/api/shop/batch', body)
    results = (reply && reply.results) || {}
  } catch (error) {
    results = null
  }
  entries.forEach((entry, index) => {
    const answer = results ? results['r' + index] || { ok: false, error: { code: 'missing' } } : { ok: false, error: { code: 'network' } }
    if (answer.ok) cache.set(entry.key, { at: Date.now(), value: answer })
    inflight.delete(entry.key)
    entry.waiting.forEach((resolve) => resolve(answer))
  })
}

// requests: [{ id, source, params }] -> { id: { ok, data } | { ok: false, error } }
export async function batch(requests, options) {
  const force = options && options.force
  const answers = {}
  const waiting = []
  for (const item of requests) {
    const key = JSON.stringify([item.source, item.params])
    const hit = force ? undefined : fresh(key)
    if (hit !== undefined) answers[item.id] = hit
    else waiting.push((inflight.get(key) || enqueue(key, item)).then((answer) => { answers[item.id] = answer }))
  }
  await Promise.all(waiting)
  return answers
}

// The data of one read of a batch() answer (answers[id].data), or null when it failed.
export function answerData(answers, id) {
  const answer = answers && answers[id]
  return answer && answer.ok && answer.data !== undefined ? answer.data : null
}

// A parameter "$query.<name>" is the page link's <name>; "$visit" is the visit's id (visitId()).
function fillQuery(params, query) {
  const filled = {}
  for (const key of Object.keys(params || {})) {
    const value = params[key]
    if (value === '$visit') filled[key] = visitId()
    else filled[key] = typeof value === 'string' && value.indexOf('$query.') === 0 ? (query || {})[value.slice(7)] : value
  }
  return filled
}

// The data every block of a page needs, in one request; with it the reads that pick the
// variant of each A/B-tested block (`switches`), whose assignments tag analytics events.
export async function loadBlocks(blocks, query, options, switches) {
  const requests = blocks
    .filter((block) => block.data)
    .map((block) => ({ id: block.id, source: block.data.source, params: fillQuery(block.data.params, query) }))
    .concat((switches || []).map((item) => ({ id: item.id, source: item.source, params: item.params })))
  const answers = requests.length ? await batch(requests, options) : {}
  for (const item of switches || []) {
    const answer = answers[item.id]
    if (answer && answer.ok && answer.data) rememberAssignments(item.params.page, answer.data.assignments)
  }
  return answers
}

// The props an A/B-tested block shows: the variant its read assigned this device (every
// variant's props are in the page's code), else its own (the holdout, or a failed read).
export function pickVariant(results, block) {
  const answer = results && results[block.switch]
  const chosen = answer && answer.ok && answer.data && answer.data.blocks && answer.data.blocks[block.block_id]
  return (chosen && block.variants[chosen.variant]) || block.props
}
