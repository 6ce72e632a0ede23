import { useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { useDidShow, useLoad } from '@tarojs/taro'
import KdLazyImage from '@/components/kd-lazy-image/index.jsx'
import { askSubscribe, checkoutAttempt, checkoutBody, decodeLines, get, go, mergePart, payOrder, previewCheckout, removeOrdered, reportSubscribe, subscribeTemplateIds, t, takeOver, toast, track, usePageView, yuan } from '@/runtime/index.js'
import KdSlotPickupCheckout from '@/kd_trade/components/kd-slot-pickup-checkout/index.jsx'
import KdSlotCouponCheckout from '@/kd_trade/components/kd-slot-coupon-checkout/index.jsx'
import KdSlotPointsCheckout from '@/kd_trade/components/kd-slot-points-checkout/index.jsx'

export default function Checkout() {
  usePageView("kd_trade/pages/checkout/index")
  // What the checkout body is built from lives in a ref, so a preview started by one change
  // never reads a state another change already replaced. parts: each plugin's part of the body
  // (plugins.<plugin>), contributed by its checkout section.
  // shipping: express unless a section chose a method it serves, saying whether it needs an address.
  const input = useRef({ lines: [], fromCart: false, address: null, note: '', shipping: { method: '', address: true }, parts: {} })
  const refreshQueued = useRef(false)
  const attempt = useRef({ current: null, text: '' })
  const previewRun = useRef(0)
  const [, rerender] = useState(0)
  const [preview, setPreview] = useState(null)
  const [previewFailed, setPreviewFailed] = useState(false)
  const [problem, setProblem] = useState('')
  const [errorLine, setErrorLine] = useState(-1)
  const [placing, setPlacing] = useState(false)

  const state = input.current
  const needsAddress = state.shipping.address

  function update(change) {
    Object.assign(input.current, change)
    rerender((n) => n + 1)
  }

  function body() {
    const current = input.current
    const delivered = current.shipping.address && current.address
    return checkoutBody(
      { lines: current.lines, note: current.note, shipping_method: current.shipping.method, address_id: delivered ? current.address.id : null },
      current.parts
    )
  }

  function sectionContext(plugin) {
    const section = preview && preview.sections ? preview.sections[plugin] || null : null
    return { input: body(), part: input.current.parts[plugin] || {}, preview, section }
  }

  function showProblem(error) {
    setProblem(error.message || t('request_failed'))
    const match = /^lines\[(\d+)\]/.exec(error.field || '')
    setErrorLine(match ? Number(match[1]) : -1)
  }

  async function refresh() {
    const run = ++previewRun.current
    setPreviewFailed(false)
    try {
      const answer = await previewCheckout(body())
      if (run !== previewRun.current) return
      setPreview(answer)
      setProblem('')
      setErrorLine(-1)
    } catch (error) {
      if (run !== previewRun.current) return
      setPreview(null)
      setPreviewFailed(true)
      if (error.status) showProblem(error)
      else setProblem('')
    }
  }

  // One preview for the changes a tap makes (a section may set its part and the shipping method).
  function refreshSoon() {
    if (refreshQueued.current) return
    refreshQueued.current = true
    Promise.resolve().then(() => {
      refreshQueued.current = false
      refresh()
    })
  }

  function contribute(plugin, part) {
    update({ parts: mergePart(input.current.parts, plugin, part) })
    refreshSoon()
  }

  // choice: {method, address (false when the method needs no delivery address)}, or null for express.
  function chooseShipping(choice) {
    update({ shipping: choice && choice.method ? { method: choice.method, address: choice.address !== false } : { method: '', address: true } })
    refreshSoon()
  }

  async function loadAddress() {
    const chosen = takeOver('address')
    if (chosen) {
      update({ address: chosen })
      return refresh()
    }
    if (input.current.address) return
    try {
      const list = await get('/api/shop/addresses', { silent: true })
      const found = list.find((item) => item.is_default) || list[0] || null
      update({ address: found })
      if (found) refresh()
    } catch (error) {
      // The address card shows 添加收货地址; the order cannot be placed without one.
    }
  }

  const canSubmit = !!preview && !placing && errorLine < 0

  async function submit() {
    if (!canSubmit) return
    if (needsAddress && !input.current.address) return toast(t('choose_address'))
    // Subscribe messages the sections ask for: asked on this tap (WeChat's dialog needs one) while
    // the order is placed; the answer is reported in the background, a refusal or failure is {}.
    const consent = askSubscribe(subscribeTemplateIds(preview.sections))
    const value = body()
    const text = JSON.stringify(value)
    // One attempt (one Idempotency-Key) per input: a double tap or a retry makes one order.
    if (!attempt.current.current || attempt.current.text !== text) attempt.current = { current: checkoutAttempt(), text }
    setPlacing(true)
    let order
    try {
      order = await attempt.current.current.place(value)
    } catch (error) {
      setPlacing(false)
      if (error.status) {
        attempt.current = { current: null, text: '' }
        showProblem(error)
      }
      consent.then((answers) => reportSubscribe(answers))
      return
    }
    if (input.current.fromCart) removeOrdered(input.current.lines.map((line) => line.sku_id))
    // The customer answers WeChat's dialog before paying (at once on H5 and without templates).
    reportSubscribe(await consent, order.id)
    const paid = await payOrder(order.id)
    setPlacing(false)
    go('pay_result', { id: order.id, status: paid.status }, true)
  }

  useLoad((query) => {
    track('checkout_start', {})
    // Taro's H5 router hands the query over still percent-encoded ('5%3A1'); a mini-program decodes it.
    const encoded = String((query && query.lines) || '')
    update({ lines: decodeLines(encoded.indexOf('%') >= 0 ? decodeURIComponent(encoded) : encoded), fromCart: !!(query && query.from === 'cart') })
    if (input.current.lines.length) refresh()
  })
  useDidShow(() => {
    loadAddress()
  })

  if (!state.lines.length) return <View className='kd-sys kd-checkout'><View className='kd-state'>{t('checkout_empty')}</View></View>
  const address = state.address
  const shownLines = preview ? preview.lines : state.lines
  return (
    <View className='kd-sys kd-checkout'>
      {needsAddress
        ? (
          <View className='kd-card kd-checkout__address' onClick={() => go(address ? 'addresses' : 'address_edit', { choose: 1 })}>
            {address
              ? (
                <View>
                  <View className='kd-row'>
                    <Text className='kd-row--strong'>{address.recipient} {address.phone}</Text>
                    <Text>›</Text>
                  </View>
                  <Text className='kd-muted'>{address.province}{address.city}{address.district}{address.detail}</Text>
                </View>
                )
              : (
                <View className='kd-row kd-checkout__add-address'>
                  <Text>＋ {t('add_address')}</Text>
                  <Text>›</Text>
                </View>
                )}
          </View>
          )
        : null}
      <View className='kd-card'>
        {shownLines.map((line, index) => (
          <View key={line.sku_id} className={'kd-line' + (errorLine === index ? ' kd-line--error' : '')}>
            <KdLazyImage src={line.image || ''} width='70px' height='70px' />
            <View className='kd-line__info'>
              <Text className='kd-line__title'>{line.title || '#' + line.sku_id}</Text>
              {line.spec_text ? <Text className='kd-muted'>{line.spec_text}</Text> : null}
              {errorLine === index ? <Text className='kd-error'>{problem}</Text> : null}
            </View>
            <View className='kd-line__side'>
              <Text>{line.unit_price_fen !== undefined ? yuan(line.unit_price_fen) : ''}</Text>
              <Text className='kd-muted'>× {line.quantity}</Text>
            </View>
          </View>
        ))}
        {problem && errorLine < 0 ? <Text className='kd-error kd-checkout__problem'>{problem}</Text> : null}
      </View>
      <KdSlotPickupCheckout context={sectionContext('community_group')} onChange={(part) => contribute('community_group', part)} onShipping={chooseShipping} />
      <KdSlotCouponCheckout context={sectionContext('coupons')} onChange={(part) => contribute('coupons', part)} onShipping={chooseShipping} />
      <KdSlotPointsCheckout context={sectionContext('points')} onChange={(part) => contribute('points', part)} onShipping={chooseShipping} />
      <View className='kd-card'>
        <View className='kd-field'>
          <Text className='kd-field__label'>{t('note')}</Text>
          <Input className='kd-field__input kd-checkout__note' value={state.note} maxlength={200} placeholder={t('note_placeholder')} onInput={(event) => update({ note: event.detail.value })} />
        </View>
      </View>
      {preview
        ? (
          <View className='kd-card kd-checkout__breakdown'>
            <View className='kd-row'><Text className='kd-row__label'>{t('subtotal')}</Text><Text>{yuan(preview.subtotal_fen)}</Text></View>
            {preview.adjustments.map((item, index) => (
              <View key={index} className='kd-row kd-checkout__adjustment'>
                <Text className='kd-row__label'>{item.label}</Text>
                <Text className='kd-price'>{yuan(item.amount_fen)}</Text>
              </View>
            ))}
            <View className='kd-row'><Text className='kd-row__label'>{t('shipping_fee')}</Text><Text>{preview.shipping_fen ? yuan(preview.shipping_fen) : t('free_shipping')}</Text></View>
            <View className='kd-row kd-row--strong'><Text>{t('total')}</Text><Text className='kd-price kd-checkout__total'>{yuan(preview.total_fen)}</Text></View>
          </View>
          )
        : previewFailed && errorLine < 0 && !problem
          ? (
            <View className='kd-state'>
              <Text className='kd-state__text'>{t('network_error')}</Text>
              <View className='kd-button kd-button--ghost' onClick={refresh}>{t('retry')}</View>
            </View>
            )
          : null}
      <View className='kd-bar'>
        <Text className='kd-bar__total'>{t('total')}：<Text className='kd-price'>{preview ? yuan(preview.total_fen) : '—'}</Text></Text>
        <View className={'kd-button kd-checkout__submit' + (canSubmit ? '' : ' kd-button--off')} onClick={submit}>{placing ? t('submitting') : t('place_order')}</View>
      </View>
    </View>
  )
}
