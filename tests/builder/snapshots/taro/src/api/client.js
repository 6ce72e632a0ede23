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

async function send(pending, answers) {
  const body = { shop_id: settings.shopId, requests: pending.map(({ item }) => ({ id: item.id, source: item.source, params: item.params })) }
  const bodyKey = JSON.stringify(body)
  let call = inflight.get(bodyKey)
  if (!call) {
    // Public reads: a customer token is sent when there is one, but no login is forced.
    call = request('POST', '/api/shop/batch', body)
    inflight.set(bodyKey, call)
  }
  try {
    const reply = await call
    const results = (reply && reply.results) || {}
    for (const { item, key } of pending) {
      const answer = results[item.id] || { ok: false, error: { code: 'missing' } }
      if (answer.ok) cache.set(key, { at: Date.now(), value: answer })
      answers[item.id] = answer
    }
  } catch (error) {
    for (const { item } of pending) answers[item.id] = { ok: false, error: { code: 'network' } }
  } finally {
    inflight.delete(bodyKey)
  }
}

// requests: [{ id, source, params }] -> { id: { ok, data } | { ok: false, error } }
export async function batch(requests, options) {
  const force = options && options.force
  const answers = {}
  const pending = []
  for (const item of requests) {
    const key = JSON.stringify([item.source, item.params])
    const hit = force ? undefined : fresh(key)
    if (hit !== undefined) answers[item.id] = hit
    else pending.push({ item, key })
  }
  if (!pending.length) return answers
  // The server answers at most settings.batchLimit reads per request: longer lists are split.
  const chunks = []
  for (let start = 0; start < pending.length; start += settings.batchLimit) chunks.push(pending.slice(start, start + settings.batchLimit))
  await Promise.all(chunks.map((chunk) => send(chunk, answers)))
  return answers
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
