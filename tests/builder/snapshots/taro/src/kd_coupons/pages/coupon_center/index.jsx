import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { batch } from '@/api/client.js'
import { currentLocale, formatTime, go, isLoggedIn, request, t, toast, usePageView, yuan } from '@/runtime/index.js'
import './index.css'

// 领券中心 (the coupons plugin's app page): what the shop offers now, claimable in one tap.
const WORDS = {
  'zh-CN': { claim: '立即领取', claimed: '已领取', gone: '已领完', done: '领取成功', empty: '暂无可领的优惠券', retry: '重试', mine: '我的优惠券', no_minimum: '无门槛', over: '满{n}可用', shipping: '运费券', until: '有效期至 {d}', days: '领取后 {n} 天内有效', login_title: '请先登录', login_body: '登录后即可领取优惠券', login: '去登录' },
  en: { claim: 'Claim', claimed: 'Claimed', gone: 'Gone', done: 'Claimed', empty: 'No coupons to claim right now', retry: 'Retry', mine: 'My coupons', no_minimum: 'No minimum', over: 'Over {n}', shipping: 'Shipping', until: 'Valid until {d}', days: 'Valid {n} days after claiming', login_title: 'Log in first', login_body: 'Log in to claim coupons', login: 'Log in' }
}

function fill(text, name, value) {
  return text.split('{' + name + '}').join(value)
}

export default function CouponCenter() {
  usePageView("kd_coupons/pages/coupon_center/index")
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const [offers, setOffers] = useState([])
  const [state, setState] = useState('loading')
  // A link "coupon:<id>" (an ad, a banner) opens this page with ?id=: that coupon goes first.
  const linked = String(useRouter().params.id || '')

  function valueOf(offer) {
    if (offer.kind === 'shipping') return words.shipping
    if (offer.kind === 'percent_off') return currentLocale() === 'en' ? offer.percent_off + '%' : (100 - offer.percent_off) / 10 + '折'
    return yuan(offer.amount_fen)
  }

  function thresholdOf(offer) {
    return offer.threshold_fen ? fill(words.over, 'n', yuan(offer.threshold_fen)) : words.no_minimum
  }

  function summaryOf(offer) {
    return (offer.title && (offer.title[currentLocale()] || offer.title['zh-CN'])) || ''
  }

  function validityOf(offer) {
    if (offer.valid_days) return fill(words.days, 'n', offer.valid_days)
    return offer.valid_until ? fill(words.until, 'd', formatTime(offer.valid_until).slice(0, 10)) : ''
  }

  async function load() {
    // The public read: guests see the offers too; a customer also sees what they already hold.
    const answers = await batch([{ id: 'offers', source: 'coupons.claimable', params: { limit: 30 } }], { force: true })
    const answer = answers.offers
    if (answer && answer.ok) {
      const items = answer.data.items
      setOffers(items.filter((offer) => String(offer.id) === linked).concat(items.filter((offer) => String(offer.id) !== linked)))
      setState('ready')
    } else {
      setState('failed')
    }
  }

  async function claim(offer) {
    if (!isLoggedIn()) {
      Taro.showModal({
        title: words.login_title,
        content: words.login_body,
        confirmText: words.login,
        success: (result) => result.confirm && go('login')
      }).catch(() => {})
      return
    }
    try {
      await request('POST', '/api/shop/coupons/templates/' + offer.id + '/claim', { data: {} })
      toast(words.done, 'success')
      load()
    } catch (error) {
      // The runtime showed why (limit reached, sold out…).
    }
  }

  useDidShow(() => {
    load()
  })

  return (
    <View className='kd-sys kd-sys--bare kd-coupon-center'>
      {state === 'loading' ? <View className='kd-state'>{t('loading')}</View> : null}
      {state === 'failed'
        ? (
          <View className='kd-state'>
            <Text className='kd-state__text'>{t('network_error')}</Text>
            <View className='kd-button kd-button--small' onClick={load}>{words.retry}</View>
          </View>
          )
        : null}
      {state === 'ready' && !offers.length ? <View className='kd-state'>{words.empty}</View> : null}
      {offers.map((offer) => (
        <View key={offer.id} className={'kd-ticket kd-coupon-center__offer' + (offer.can_claim ? '' : ' kd-ticket--off') + (String(offer.id) === linked ? ' kd-coupon-center__offer--linked' : '')} data-id={offer.id}>
          <View className='kd-ticket__value'>
            <Text className='kd-ticket__amount'>{valueOf(offer)}</Text>
            <Text className='kd-ticket__threshold'>{thresholdOf(offer)}</Text>
          </View>
          <View className='kd-ticket__info'>
            <Text className='kd-ticket__name'>{offer.name}</Text>
            <Text className='kd-muted'>{summaryOf(offer)}</Text>
            <Text className='kd-muted'>{validityOf(offer)}</Text>
          </View>
          {offer.can_claim
            ? <Text className='kd-button kd-button--small kd-ticket__action kd-coupon-center__claim' onClick={() => claim(offer)}>{words.claim}</Text>
            : <Text className='kd-ticket__done'>{offer.claimed ? words.claimed : words.gone}</Text>}
        </View>
      ))}
      <Text className='kd-coupon-pages__link kd-coupon-center__mine' onClick={() => go('my_coupons')}>{words.mine} ›</Text>
    </View>
  )
}
