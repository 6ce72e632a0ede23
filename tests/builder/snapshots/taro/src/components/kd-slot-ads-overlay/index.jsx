import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Image, Video, View } from '@tarojs/components'
import { batch } from '@/api/client.js'
import { openLink, track, visitId, watchExposure } from '@/runtime/index.js'
import { WORDS, adOf, adReads, eventProps } from './shared.js'
import { currentLocale } from '@/locale/index.js'
import './index.css'

// Slot app.prompts: over every page. At app launch (the first page shown) the splash, on
// entering a page its popup and floating button: a read of ads.serve per slot, with the page's batch, decided
// on the server within each campaign's caps. Impressions through the runtime's exposure
// measurement (half visible for a second), clicks on a tap; both name the serve.
export default function KdSlotAdsOverlay({ context }) {
  const [ads, setAds] = useState({ splash: null, popup: null, floating: null })
  const [left, setLeft] = useState(0)
  const [ids] = useState(() => {
    const suffix = Math.random().toString(36).slice(2, 10)
    return { splash: 'kd-ad-splash-' + suffix, popup: 'kd-ad-popup-' + suffix, floating: 'kd-ad-floating-' + suffix }
  })
  const page = useRef(Taro.getCurrentInstance().page)
  const watched = useRef({})

  function close(slot) {
    setAds((before) => Object.assign({}, before, { [slot]: null }))
  }

  function open(slot) {
    const ad = ads[slot]
    track('ads.click', eventProps(ad))
    if (slot !== 'floating') close(slot)
    openLink(ad.creatives[0].link)
  }

  useEffect(() => {
    let stopped = false
    batch(adReads(context.route, visitId()), { force: true }).then((answers) => {
      if (stopped) return
      const found = { splash: adOf(answers, 'splash'), popup: adOf(answers, 'popup'), floating: adOf(answers, 'floating') }
      if (found.splash) setLeft(found.splash.countdown_seconds)
      setAds(found)
    })
    return () => {
      stopped = true
      Object.values(watched.current).forEach((stop) => stop())
    }
  }, [])

  // The splash counts down, then makes way for the page's popup and button.
  useEffect(() => {
    if (!ads.splash) return undefined
    const timer = setInterval(() => setLeft((value) => value - 1), 1000)
    return () => clearInterval(timer)
  }, [ads.splash])
  useEffect(() => {
    if (ads.splash && left <= 0) close('splash')
  }, [left])

  // An impression once each shown ad has stayed half visible for a second.
  useEffect(() => {
    const visible = ads.splash ? ['splash'] : ['popup', 'floating'].filter((slot) => ads[slot])
    visible.forEach((slot) => {
      if (watched.current[slot]) return
      try {
        const observer = Taro.createIntersectionObserver(page.current, { thresholds: [0, 0.5] })
        const ad = ads[slot]
        watched.current[slot] = watchExposure(observer, '#' + ids[slot], () => track('ads.impression', eventProps(ad)))
      } catch (error) {
        watched.current[slot] = () => null // no observer on this platform: no impressions
      }
    })
  }, [ads])

  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const splash = ads.splash
  const popup = ads.popup
  const floating = ads.floating
  // Keyed: without keys React turns the splash's nodes into the popup's, and a tap meant for
  // 跳过 as the countdown ends lands on the popup's × (the same node by then), closing both.
  return (
    <View className='kd-ad-overlay'>
      {splash ? (
        <View key='splash' className='kd-ad-splash' id={ids.splash} data-ad='splash'>
          {splash.creatives[0].kind === 'video' ? (
            <Video className='kd-ad-splash__media' src={splash.creatives[0].media_url} autoplay muted controls={false} objectFit='cover' onClick={() => open('splash')} />
          ) : (
            <Image className='kd-ad-splash__media' src={splash.creatives[0].media_url} mode='aspectFill' onClick={() => open('splash')} />
          )}
          <View className='kd-ad-splash__skip' data-ad='skip' onClick={(tap) => { tap.stopPropagation(); close('splash') }}>{words.skip} {left}</View>
        </View>
      ) : popup ? (
        <View key='popup' className='kd-ad-popup' data-ad='popup'>
          <Image className='kd-ad-popup__media' id={ids.popup} src={popup.creatives[0].media_url} mode='widthFix' onClick={() => open('popup')} />
          <View className='kd-ad-popup__close' data-ad='close' onClick={(tap) => { tap.stopPropagation(); close('popup') }}>×</View>
        </View>
      ) : null}
      {floating && !splash ? (
        <View className='kd-ad-floating' id={ids.floating} data-ad='floating' onClick={() => open('floating')}>
          <Image className='kd-ad-floating__media' src={floating.creatives[0].media_url} mode='aspectFit' />
        </View>
      ) : null}
    </View>
  )
}
