// Where the app runs, and the one storage wrapper the runtime uses.
import Taro from '@tarojs/taro'

export const IS_H5 = process.env.TARO_ENV === 'h5'

export function load(key, fallback) {
  try {
    const value = Taro.getStorageSync(key)
    return value === '' || value === undefined || value === null ? fallback : value
  } catch (error) {
    return fallback
  }
}

export function save(key, value) {
  try {
    if (value === undefined || value === null) Taro.removeStorageSync(key)
    else Taro.setStorageSync(key, value)
  } catch (error) {
    // Storage full or unavailable (private mode): the value lives for this launch only.
  }
}

export function randomId(length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let text = ''
  for (let index = 0; index < length; index += 1) text += alphabet[Math.floor(Math.random() * alphabet.length)]
  return text
}

export function toast(message, icon) {
  if (!message) return
  Taro.showToast({ title: String(message).slice(0, 60), icon: icon || 'none', duration: 2500 })
}

// The query of the page on top of the stack (e.g. ?id=12), on every platform.
export function currentQuery() {
  const pages = Taro.getCurrentPages()
  const page = pages[pages.length - 1]
  if (!page) return {}
  return page.options || (page.$page && page.$page.options) || (page.$taroParams) || {}
}

// The route a page has in the page configuration ("home") from its path ("pages/home/index",
// "kd_x/pages/home/index"), as slot components get it in context.route; '' for none.
export function pageRoute(path) {
  const found = /(?:^|\/)pages\/([a-z][a-z0-9_]*)\/index$/.exec(path || '')
  return found ? found[1] : ''
}

// True the first time `key` is asked for in this app launch, then false: what an app prompt
// shows once per launch (a splash) asks for only from the first page shown.
const launched = new Set()

export function firstThisLaunch(key) {
  if (launched.has(key)) return false
  launched.add(key)
  return true
}

// A value handed from one page to the page below it (e.g. the address chosen in the address
// book, read by checkout when it shows again). Lives for this launch only.
const handed = new Map()

export function handOver(key, value) {
  handed.set(key, value)
}

export function takeOver(key) {
  const value = handed.get(key)
  handed.delete(key)
  return value
}
