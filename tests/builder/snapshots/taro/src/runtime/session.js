// The customer's session: silent login on launch, the token in storage, one re-login on 401,
// and a clear logged-out state when login is impossible (no network, WeChat refuses).
import Taro from '@tarojs/taro'
import settings from '@/api/settings.js'
import { IS_H5, load, save } from './platform.js'
import { deviceToken, send } from './transport.js'
import { emit } from './events.js'
import { go } from '@/utils/link.js'
import { t } from '@/locale/index.js'

const TOKEN_KEY = 'kaidian_token'
const EXPIRES_KEY = 'kaidian_token_expires'
const listeners = new Set()
let state = { status: load(TOKEN_KEY, '') ? 'logged_in' : 'unknown', customerId: load('kaidian_customer', 0) }
let pending = null
let shareCode = ''

function setState(next) {
  state = Object.assign({}, state, next)
  listeners.forEach((listener) => listener(state))
}

// Call with the launch query's share_code so the first login credits whoever shared the link.
export function setShareCode(code) {
  if (code && /^[0-9A-Za-z]{1,32}$/.test(code)) shareCode = code
}

export function token() {
  const value = load(TOKEN_KEY, '')
  const expires = Number(load(EXPIRES_KEY, 0))
  return value && (!expires || Date.now() < expires) ? value : ''
}

export function sessionState() {
  return state
}

export function isLoggedIn() {
  return !!token()
}

// An action only a customer may take (claim, join, start), tapped by a guest: offer the login
// page instead of logging them in unasked. Public blocks show guests everything; only their
// actions need an account. True when the action may go ahead.
export function loginFirst() {
  if (isLoggedIn()) return true
  Taro.showModal({
    title: t('login_first_title'),
    content: t('login_first_body'),
    confirmText: t('login_go'),
    success: (result) => result.confirm && go('login')
  })
  return false
}

export function onSessionChange(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function loginCode() {
  // H5 has no WeChat login: in development the server's sandbox accepts sandbox:<device>.
  if (IS_H5) return Promise.resolve('sandbox:' + deviceToken())
  return new Promise((resolve, reject) => {
    Taro.login({
      success: (result) => (result.code ? resolve(result.code) : reject(new Error('no code'))),
      fail: reject
    })
  })
}

async function doLogin() {
  try {
    const code = await loginCode()
    const body = { shop_id: settings.shopId, code }
    if (shareCode) body.share_code = shareCode
    // X-Device-Token goes with it: the server merges this device's guest cart into the customer's.
    const session = await send('POST', '/api/shop/auth/login', { data: body })
    save(TOKEN_KEY, session.access_token)
    save(EXPIRES_KEY, Date.now() + (session.expires_in - 60) * 1000)
    save('kaidian_customer', session.customer_id)
    setState({ status: 'logged_in', customerId: session.customer_id })
    emit('login', { customerId: session.customer_id })
    return session.access_token
  } catch (error) {
    save(TOKEN_KEY, null)
    setState({ status: 'logged_out', customerId: 0 })
    throw error
  }
}

// Log in now (once at a time); resolves with the token.
export function login() {
  if (!pending) pending = doLogin().finally(() => { pending = null })
  return pending
}

// A token, logging in silently when there is none.
export function ensureLogin() {
  const current = token()
  return current ? Promise.resolve(current) : login()
}

export function logout() {
  save(TOKEN_KEY, null)
  save(EXPIRES_KEY, null)
  save('kaidian_customer', null)
  setState({ status: 'logged_out', customerId: 0 })
  emit('logout', {})
}

// The server said 401: the token is stale. Drop it so the next ensureLogin() logs in again.
export function expire() {
  save(TOKEN_KEY, null)
  save(EXPIRES_KEY, null)
}
