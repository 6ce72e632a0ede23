// The cart store: the customer's cart when logged in, else this device's guest cart
// (X-Device-Token; the server merges it into the customer's cart at login). Keeps which lines
// are selected for checkout, and the tab bar's badge.
import { onUnmounted, ref } from 'vue'
import settings from '@/api/settings.js'
import routes from '@/routes.js'
import { request } from './request.js'
import { ensureLogin, onSessionChange } from './session.js'
import { emit } from './events.js'
import { load, save } from './platform.js'

const COUNT_KEY = 'kaidian_cart_count'

const listeners = new Set()
let state = { loaded: false, loading: false, error: null, items: [], subtotal_fen: 0, changed: false, selected: [] }
let unselected = new Set()

function derive(cart) {
  const items = (cart && cart.items) || []
  const selected = items.filter((line) => line.available && !unselected.has(line.id)).map((line) => line.id)
  return { items, subtotal_fen: (cart && cart.subtotal_fen) || 0, changed: !!(cart && cart.changed), selected }
}

function publish(next) {
  state = Object.assign({}, state, next)
  listeners.forEach((listener) => listener(state))
  updateBadge()
}

export function cartState() {
  return state
}

export function subscribe(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function count() {
  return state.items.reduce((sum, line) => sum + line.quantity, 0)
}

export function selectedLines() {
  return state.items.filter((line) => state.selected.indexOf(line.id) >= 0)
}

export function selectedTotal() {
  return selectedLines().reduce((sum, line) => sum + line.subtotal_fen, 0)
}

// Whether this device had items in a cart last time: only then does the app load the cart at
// launch (for the badge), so a new customer's home page costs no extra request.
export function hadCart() {
  return Number(load(COUNT_KEY, 0)) > 0
}

function updateBadge() {
  const total = count()
  if (state.loaded) save(COUNT_KEY, total)
  const index = routes.tabs.indexOf(routes.special.cart)
  if (index < 0) return
  const done = () => {}
  try {
    if (total > 0) uni.setTabBarBadge({ index, text: total > 99 ? '99+' : String(total), fail: done })
    else uni.removeTabBarBadge({ index, fail: done })
  } catch (error) {
    // Not on a tab page: the badge is set the next time a tab page shows.
  }
}

// Where this cart lives: the customer's when a login is possible, else the device's.
async function owner() {
  try {
    await ensureLogin()
    return { base: '/api/shop/cart', auth: true }
  } catch (error) {
    return { base: '/api/shop/' + settings.shopId + '/guest-cart', auth: false }
  }
}

export async function loadCart() {
  publish({ loading: true, error: null })
  try {
    const where = await owner()
    const cart = await request('GET', where.base, { auth: where.auth, silent: true })
    publish(Object.assign({ loaded: true, loading: false }, derive(cart)))
  } catch (error) {
    publish({ loading: false, error })
  }
  return state
}

// Sets a line's quantity (0 removes it); rejects with the server's problem (e.g. out_of_stock).
export async function setQuantity(skuId, quantity) {
  const where = await owner()
  const cart = await request('PUT', where.base + '/items', { auth: where.auth, data: { sku_id: skuId, quantity } })
  publish(Object.assign({ loaded: true }, derive(cart)))
  return state
}

// productId: for analytics (cart lines do not carry it).
export async function addToCart(skuId, quantity, productId) {
  const line = state.items.find((item) => item.sku_id === skuId)
  const result = await setQuantity(skuId, (line ? line.quantity : 0) + quantity)
  emit('add_to_cart', { skuId, quantity, productId })
  return result
}

export async function removeLine(line) {
  const where = await owner()
  await request('DELETE', where.base + '/items/' + line.id, { auth: where.auth })
  unselected.delete(line.id)
  return loadCart()
}

export function toggleSelected(line) {
  if (unselected.has(line.id)) unselected.delete(line.id)
  else unselected.add(line.id)
  publish(derive(state))
}

export function selectAll(selected) {
  unselected = selected ? new Set() : new Set(state.items.map((line) => line.id))
  publish(derive(state))
}

// After an order is placed its lines leave the cart (the server keeps the cart as it was).
export async function removeOrdered(skuIds) {
  for (const line of state.items.filter((item) => skuIds.indexOf(item.sku_id) >= 0)) {
    try {
      await removeLine(line)
    } catch (error) {
      // The order stands; a stale line stays visible and can be removed by hand.
    }
  }
}

// The login merged the guest cart server-side: show the merged cart.
onSessionChange((session) => {
  if (session.status === 'logged_in' && state.loaded) loadCart()
})

// Vue: const cart = useCart() is a ref following the store.
export function useCart() {
  const current = ref(state)
  const off = subscribe((next) => {
    current.value = next
  })
  onUnmounted(off)
  return current
}
