// WeChat one-time subscribe messages (订阅消息): asking the customer to allow templates, and
// telling the server what they answered (POST /api/shop/subscriptions, where the plugins owning
// the templates count their grants). Only the WeChat mini-program can ask; elsewhere (H5) the
// answer is "nothing granted". Neither function ever rejects: a refusal or a failure must never
// stop or delay what the customer is doing (placing an order).
import Taro from '@tarojs/taro'
import { IS_H5 } from './platform.js'
import { post } from './request.js'

// WeChat asks for at most 3 templates at once.
export const SUBSCRIBE_LIMIT = 3

// templateIds → a promise of { templateId: 'accept' | 'reject' | 'ban' | 'filter' } for the ids
// asked ({} on H5, with no ids, or when WeChat fails). Call it on the customer's tap, before any
// await: WeChat shows its dialog only from a tap.
export function askSubscribe(templateIds) {
  const ids = []
  for (const id of templateIds || []) {
    if (typeof id === 'string' && id && ids.indexOf(id) < 0 && ids.length < SUBSCRIBE_LIMIT) ids.push(id)
  }
  return new Promise((resolve) => {
    if (IS_H5 || !ids.length) return resolve({})
    const options = {
      tmplIds: ids,
      success(result) {
        const answers = {}
        for (const id of ids) if (result && typeof result[id] === 'string') answers[id] = result[id]
        resolve(answers)
      },
      fail() {
        resolve({})
      }
    }
    try {
      const pending = Taro.requestSubscribeMessage(options)
      if (pending && typeof pending.catch === 'function') pending.catch(() => resolve({}))
    } catch (error) {
      resolve({}) // a platform without the API
    }
  })
}

// Tell the server what the customer answered (with the order placed on the same tap, if any).
// In the background: resolves when sent or failed, never rejects, shows nothing.
export function reportSubscribe(answers, orderId) {
  if (!answers || !Object.keys(answers).length) return Promise.resolve()
  return post('/api/shop/subscriptions', { results: answers, order_id: orderId || null }, { silent: true }).catch(() => {})
}

// The template ids a checkout preview's plugin sections ask for (a section's subscribe_template_ids).
export function subscribeTemplateIds(sections) {
  const ids = []
  for (const name of Object.keys(sections || {})) {
    const section = sections[name]
    for (const id of (section && section.subscribe_template_ids) || []) if (ids.indexOf(id) < 0) ids.push(id)
  }
  return ids
}
