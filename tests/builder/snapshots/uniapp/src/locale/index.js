// UI strings in zh-CN (default) and en; merchant texts come from the page configuration.
import settings from '@/api/settings.js'
import zh from './zh-CN.js'
import en from './en.js'

const messages = { 'zh-CN': zh, en }
let locale = ''

export function currentLocale() {
  if (!locale) {
    let system = ''
    try {
      system = String(uni.getSystemInfoSync().language || '')
    } catch (error) {
      system = ''
    }
    system = system.toLowerCase()
    const device = system.indexOf('en') === 0 ? 'en' : system.indexOf('zh') === 0 ? 'zh-CN' : ''
    // The device's language only where the shop offers it: otherwise the buttons would speak
    // another language than the merchant's products.
    locale = device && settings.locales.indexOf(device) >= 0 ? device : settings.defaultLocale
  }
  return locale
}

export function setLocale(value) {
  if (messages[value]) locale = value
}

// A server text in every language ({"zh-CN": …, "en": …}) in the current one.
export function localized(value) {
  if (!value || typeof value !== 'object') return value || ''
  return value[currentLocale()] || value['zh-CN'] || ''
}

// t('need_more', { n: 2 }) fills {n} in the message.
export function t(key, params) {
  const table = messages[currentLocale()] || zh
  let text = table[key] || zh[key] || key
  if (params) for (const name of Object.keys(params)) text = text.split('{' + name + '}').join(String(params[name]))
  return text
}
