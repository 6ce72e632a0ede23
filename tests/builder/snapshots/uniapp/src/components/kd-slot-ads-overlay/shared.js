// The ads overlay's logic, written once for both targets (the uni-app and Taro templates hold
// the markup and wiring): which reads a page's overlay sends, what an answer holds, what its
// events say.
import { answerData, firstThisLaunch, pageRoute } from '@/runtime/index.js'

export const WORDS = { 'zh-CN': { skip: '跳过' }, en: { skip: 'Skip' } }

// The reads of one page's overlay: the splash only from the first page shown after launch, then
// each page's popup and button. They go with the page's own batch (the client sends reads asked
// in the same moment together).
export function adReads(path, visit) {
  const slots = (firstThisLaunch('ads.splash') ? ['splash'] : []).concat(['popup', 'floating'])
  return slots.map((slot) => ({ id: slot, source: 'ads.serve', params: { slot, session: visit, page: pageRoute(path) } }))
}

export function adOf(answers, slot) {
  const data = answerData(answers, slot)
  return (data && data.ad) || null
}

export function eventProps(ad) {
  return { serve_id: ad.serve_id, campaign_id: ad.campaign_id, creative_id: ad.creatives[0].id, slot: ad.slot }
}
