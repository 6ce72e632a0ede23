import { useState } from 'react'
import { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { currentLocale, formatTime, get, go, goTab, isLoggedIn, t, usePageView } from '@/runtime/index.js'
import './index.css'

// 我的优惠券 (the coupons plugin's app page): the customer's coupons by status.
const TABS = ['usable', 'used', 'expired']
const WORDS = {
  'zh-CN': { usable: '可使用', used: '已使用', expired: '已过期', empty: '这里还没有优惠券', retry: '重试', use: '去使用', until: '有效期至 {d}', more: '去领券中心', login_body: '登录后查看你的优惠券', login: '去登录' },
  en: { usable: 'Usable', used: 'Used', expired: 'Expired', empty: 'No coupons here yet', retry: 'Retry', use: 'Use', until: 'Valid until {d}', more: 'Coupon centre', login_body: 'Log in to see your coupons', login: 'Log in' }
}

function summaryOf(coupon) {
  return (coupon.title && (coupon.title[currentLocale()] || coupon.title['zh-CN'])) || ''
}

let asked = ''

export default function MyCoupons() {
  usePageView("kd_coupons/pages/my_coupons/index")
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const [tab, setTab] = useState('usable')
  const [coupons, setCoupons] = useState([])
  const [state, setState] = useState('loading')

  async function load(key) {
    if (!isLoggedIn()) {
      setState('guest')
      return
    }
    asked = key
    setState('loading')
    try {
      const found = await get('/api/shop/coupons/mine?status=' + key, { silent: true })
      if (asked !== key) return // another tab was chosen meanwhile
      setCoupons(found)
      setState('ready')
    } catch (error) {
      if (asked === key) setState('failed')
    }
  }

  function show(key) {
    setTab(key)
    load(key)
  }

  useLoad((query) => {
    show(TABS.indexOf(query.tab) >= 0 ? query.tab : 'usable')
  })

  return (
    <View className='kd-sys kd-sys--bare kd-my-coupons'>
      <View className='kd-tabs'>
        {TABS.map((key) => (
          <Text key={key} className={'kd-tabs__tab kd-my-coupons__tab' + (tab === key ? ' kd-tabs__tab--on' : '')} onClick={() => show(key)}>{words[key]}</Text>
        ))}
      </View>
      {state === 'guest'
        ? (
          <View className='kd-state'>
            <Text className='kd-state__text'>{words.login_body}</Text>
            <View className='kd-button kd-button--small' onClick={() => go('login')}>{words.login}</View>
          </View>
          )
        : null}
      {state === 'loading' ? <View className='kd-state'>{t('loading')}</View> : null}
      {state === 'failed'
        ? (
          <View className='kd-state'>
            <Text className='kd-state__text'>{t('network_error')}</Text>
            <View className='kd-button kd-button--small' onClick={() => load(tab)}>{words.retry}</View>
          </View>
          )
        : null}
      {state === 'ready' && !coupons.length ? <View className='kd-state'>{words.empty}</View> : null}
      {state === 'ready'
        ? coupons.map((coupon) => (
          <View key={coupon.id} className={'kd-ticket kd-my-coupons__coupon' + (tab === 'usable' ? '' : ' kd-ticket--off')} data-id={coupon.id}>
            <View className='kd-ticket__value'>
              <Text className='kd-ticket__threshold'>{summaryOf(coupon)}</Text>
            </View>
            <View className='kd-ticket__info'>
              <Text className='kd-ticket__name'>{coupon.name}</Text>
              <Text className='kd-muted'>{words.until.split('{d}').join(formatTime(coupon.valid_until).slice(0, 10))}</Text>
            </View>
            {tab === 'usable'
              ? <Text className='kd-button kd-button--small kd-button--ghost kd-ticket__action' onClick={() => goTab('')}>{words.use}</Text>
              : <Text className='kd-ticket__done'>{words[tab]}</Text>}
          </View>
        ))
        : null}
      <Text className='kd-coupon-pages__link' onClick={() => go('coupon_center')}>{words.more} ›</Text>
    </View>
  )
}
