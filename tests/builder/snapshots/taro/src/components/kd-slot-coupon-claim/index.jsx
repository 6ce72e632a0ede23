import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { currentLocale, getPublic, loginFirst, request, toast } from '@/runtime/index.js'

const WORDS = {
  'zh-CN': { title: '领券', claim: '领取', claimed: '已领取', gone: '已领完', done: '领取成功' },
  en: { title: 'Coupons', claim: 'Claim', claimed: 'Claimed', gone: 'Gone', done: 'Claimed' }
}

// Slot product_detail.info: coupons the shop offers right now, claimable in one tap.
export default function KdSlotCouponClaim() {
  const [offers, setOffers] = useState([])
  const words = WORDS[currentLocale()] || WORDS['zh-CN']

  function load() {
    getPublic('/coupons/claimable')
      .then((items) => setOffers(items.slice(0, 3)))
      .catch(() => setOffers([]))
  }

  useEffect(load, [])

  async function claim(offer) {
    if (!loginFirst()) return
    try {
      await request('POST', '/api/shop/coupons/templates/' + offer.id + '/claim', { data: {} })
      toast(words.done, 'success')
      load()
    } catch (error) {
      // The runtime showed why (limit reached, sold out…).
    }
  }

  if (!offers.length) return null
  return (
    <View className='kd-card kd-coupon-claim'>
      <Text className='kd-card__title'>{words.title}</Text>
      {offers.map((offer) => (
        <View key={offer.id} className='kd-row kd-coupon-claim__offer'>
          <View className='kd-line__info' style={{ marginLeft: 0 }}>
            <Text className='kd-price'>{offer.name}</Text>
            <Text className='kd-muted'>{(offer.title && (offer.title[currentLocale()] || offer.title['zh-CN'])) || ''}</Text>
          </View>
          {offer.can_claim ? (
            <Text className='kd-button kd-button--small kd-coupon-claim__claim' onClick={() => claim(offer)}>{words.claim}</Text>
          ) : (
            <Text className='kd-muted'>{offer.claimed ? words.claimed : words.gone}</Text>
          )}
        </View>
      ))}
    </View>
  )
}
