// What customers do, sent to POST /api/shop/{shop_id}/events (README "Analytics"): page
// views, block exposures and clicks, search, add to cart, checkout, share. Events wait in a
// stored queue and go in batches (50 events or 5 s), again with the same ids after a failure
// (the server counts an id once); nothing here ever waits on the network or throws to a page.
import { onHide, onShareAppMessage, onShow, onUnload } from '@dcloudio/uni-app'
import settings from '@/api/settings.js'
import routes from '@/routes.js'
import { IS_H5, currentQuery, load, randomId, save } from './platform.js'
import { send } from './transport.js'
import { token } from './session.js'
import { onEvent } from './events.js'

const QUEUE_KEY = 'kaidian_events'
const EXPERIMENTS_KEY = 'kaidian_experiments'
const VISIT_KEY = 'kaidian_visit'
const BATCH = 50
const WAIT_MS = 5000
const SESSION_MS = 30 * 60 * 1000
const MAX_QUEUED = 500 // offline for long: the oldest events go first
const EXPOSED_MS = 1000
const GIVE_UP_MS = 20000 // a send that never settles (a keepalive fetch has no timeout) is retried
const listeners = new Set()
let queue = load(QUEUE_KEY, [])
let timer = null
let sending = false
let failures = 0
let view = { route: '', from: null, hidden: true }
let exposed = new Set()
let assigned = load(EXPERIMENTS_KEY, {}) // page route -> {experiment key: variant}

// The A/B assignments a page's batch read answered (experiments.assignments): from now on
// every event carries them all in its `experiments` map.
export function rememberAssignments(route, assignments) {
  try {
    const next = Object.assign({}, assigned)
    if (assignments && typeof assignments === 'object' && Object.keys(assignments).length) next[route] = assignments
    else delete next[route]
    assigned = next
    save(EXPERIMENTS_KEY, assigned)
  } catch (error) {
    // Analytics never breaks the page.
  }
}

// Every A/B assignment the device has ({experiment key: variant}): what its events carry, and
// what a checkout sends so the server's order events carry it too.
export function experiments() {
  const map = {}
  for (const route of Object.keys(assigned)) Object.assign(map, assigned[route])
  return map
}

function sessionId(now) {
  let visit = load(VISIT_KEY, null)
  if (!visit || !visit.id || now - visit.at > SESSION_MS) visit = { id: randomId(20), at: now }
  visit.at = now
  save(VISIT_KEY, visit)
  return visit.id
}

// The current visit's id (a new one after 30 minutes without events): what events carry as
// `session_id`, and what a read capped per visit names (the page data's `$visit` parameter).
export function visitId() {
  return sessionId(Date.now())
}

// Records one event of `type` on the page on view (or `route`); never throws.
export function track(type, props, blockId) {
  try {
    const now = Date.now()
    queue.push({
      id: now.toString(36) + randomId(14),
      type,
      session_id: sessionId(now),
      route: view.route || topRoute(),
      from_route: view.from,
      block_id: blockId || null,
      experiments: experiments(),
      client_time: new Date(now).toISOString(),
      props: props || {}
    })
    if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED)
    save(QUEUE_KEY, queue)
    schedule(queue.length >= BATCH ? 0 : WAIT_MS)
  } catch (error) {
    // Analytics never breaks the page.
  }
}

function topRoute() {
  const pages = getCurrentPages()
  const page = pages[pages.length - 1]
  return (page && (page.route || (page.$page && page.$page.route) || '').replace(/^\//, '').split('?')[0]) || ''
}

function schedule(ms) {
  if (timer && ms > 0) return
  clearTimeout(timer)
  timer = setTimeout(() => {
    timer = null
    flush(false)
  }, ms)
}

function post(batch, leaving) {
  const options = { data: { events: batch }, token: token(), timeout: 15000, outlivePage: leaving }
  return send('POST', '/api/shop/' + settings.shopId + '/events', options)
}

function forget(batch) {
  const sent = new Set(batch.map((event) => event.id))
  queue = queue.filter((event) => !sent.has(event.id))
  save(QUEUE_KEY, queue)
}

// Sends the oldest batch now; `leaving` when the app hides.
export async function flush(leaving) {
  if (sending || !queue.length || !settings.shopId) return
  sending = true
  const batch = queue.slice(0, BATCH)
  try {
    await Promise.race([post(batch, leaving), new Promise((resolve, reject) => setTimeout(() => reject({ status: 0 }), GIVE_UP_MS))])
    forget(batch) // accepted, duplicates and per-event refusals alike: the server has decided
    failures = 0
  } catch (error) {
    const status = (error && error.status) || 0
    // A body the server will never take (4xx but 408/429) is dropped; anything else is retried.
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) forget(batch)
    else failures += 1
  } finally {
    sending = false
  }
  if (queue.length) schedule(failures ? Math.min(60000, WAIT_MS * 2 ** failures) : 0)
}

export function onPageView(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function notify() {
  listeners.forEach((listener) => {
    try {
      listener(view)
    } catch (error) {
      // A block's observer failing is no reason to lose the page view.
    }
  })
}

export function pageShown(route) {
  // Shown again (back from the background): still the page it came from, not itself.
  view = { route, from: view.route === route ? view.from : view.route || null, hidden: false }
  exposed = new Set()
  track('page_view', {})
  notify()
}

export function pageHidden(route) {
  if (view.route !== route || view.hidden) return
  view = Object.assign({}, view, { hidden: true })
  notify()
}

// A block has been at least half visible for a second: counted once per page view.
export function blockExposed(route, blockId, component) {
  if (view.hidden || view.route !== route || exposed.has(blockId)) return
  exposed.add(blockId)
  track('block_exposure', { component }, blockId)
}

export function blockClicked(blockId, component) {
  track('block_click', { component }, blockId)
}

// Calls `seen()` once the element stays at least half visible for a second; returns a stop.
export function watchExposure(observer, selector, seen) {
  let waiting = null
  observer.relativeToViewport().observe(selector, (result) => {
    if (result.intersectionRatio >= 0.5) {
      if (!waiting) waiting = setTimeout(seen, EXPOSED_MS)
    } else {
      clearTimeout(waiting)
      waiting = null
    }
  })
  return () => {
    clearTimeout(waiting)
    observer.disconnect()
  }
}

function shared(route) {
  const props = {}
  if (route.indexOf('pages/' + routes.special.product + '/') >= 0 && Number(currentQuery().id) > 0) props.product_id = Number(currentQuery().id)
  track('share', props)
}

// In every page: page_view on show (with the page it came from), and the share menu's share.
export function usePageView(route, options) {
  onShow(() => pageShown(route))
  onHide(() => pageHidden(route))
  onUnload(() => pageHidden(route))
  if (options && options.share) {
    onShareAppMessage(() => {
      shared(route)
      return {}
    })
  }
}

onEvent((name, data) => {
  if (name === 'add_to_cart' && data.productId) track('add_to_cart', { product_id: data.productId, sku_id: data.skuId, quantity: data.quantity })
})

// The app hides (or the H5 tab does): send what is waiting.
export function appHidden() {
  flush(true)
}

if (IS_H5 && typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') appHidden()
  })
}
if (queue.length) schedule(WAIT_MS) // left over from the last launch: same ids again
