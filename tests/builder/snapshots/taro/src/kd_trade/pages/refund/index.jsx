import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { getOrder, goBack, requestRefund, t, toast, yuan } from '@/runtime/index.js'

const REASONS = ['reason_unwanted', 'reason_quality', 'reason_wrong_item', 'reason_not_received']

function left(line) {
  return line.quantity - line.refunded_quantity
}

export default function Refund() {
  const [order, setOrder] = useState(null)
  const [failed, setFailed] = useState(false)
  const [picked, setPicked] = useState({})
  const [reason, setReason] = useState('')
  const [description, setDescription] = useState('')
  const [sending, setSending] = useState(false)

  const refundable = ((order && order.lines) || []).filter((line) => line.quantity > line.refunded_quantity)
  const canSubmit = !sending && !!reason && Object.keys(picked).some((id) => picked[id] > 0)

  function toggle(line) {
    const next = Object.assign({}, picked)
    if (next[line.id]) delete next[line.id]
    else next[line.id] = left(line)
    setPicked(next)
  }

  function step(line, delta) {
    const next = Object.assign({}, picked)
    next[line.id] = Math.max(1, Math.min(left(line), (next[line.id] || 0) + delta))
    setPicked(next)
  }

  async function submit() {
    if (!canSubmit) return toast(reason ? t('refund_choose_lines') : t('refund_choose_reason'))
    setSending(true)
    try {
      const lines = Object.keys(picked).map((id) => ({ line_id: Number(id), quantity: picked[id] }))
      await requestRefund(order.id, { lines, reason, description })
      toast(t('refund_submitted'), 'success')
      setTimeout(goBack, 800)
    } catch (error) {
      // The runtime showed the server's reason.
    } finally {
      setSending(false)
    }
  }

  useLoad(async (query) => {
    try {
      const found = await getOrder(Number(query.id))
      const all = {}
      for (const line of found.lines.filter((item) => item.quantity > item.refunded_quantity)) all[line.id] = left(line)
      setOrder(found)
      setPicked(all)
    } catch (error) {
      setFailed(true)
    }
  })

  if (!order) return <View className='kd-sys kd-refund'><View className='kd-state'>{failed ? t('network_error') : t('loading')}</View></View>
  const stopping = (handler) => (event) => {
    event.stopPropagation()
    if (handler) handler()
  }
  return (
    <View className='kd-sys kd-refund'>
      <View className='kd-card'>
        <Text className='kd-card__title'>{t('refund_lines')}</Text>
        {refundable.map((line) => (
          <View key={line.id} className='kd-choice kd-refund__line' onClick={() => toggle(line)}>
            <Text className={'kd-choice__mark' + (picked[line.id] ? ' kd-choice__mark--on' : '')}>{picked[line.id] ? '✓' : ''}</Text>
            <View className='kd-line__info' style={{ marginLeft: 0 }}>
              <Text className='kd-line__title'>{line.title}</Text>
              <Text className='kd-muted'>{yuan(line.unit_price_fen)}</Text>
            </View>
            {picked[line.id]
              ? (
                <View className='kd-stepper' onClick={stopping()}>
                  <Text className='kd-stepper__button' onClick={stopping(() => step(line, -1))}>−</Text>
                  <Text className='kd-stepper__value'>{picked[line.id]}</Text>
                  <Text className='kd-stepper__button' onClick={stopping(() => step(line, 1))}>+</Text>
                </View>
                )
              : null}
          </View>
        ))}
      </View>
      <View className='kd-card'>
        <Text className='kd-card__title'>{t('refund_reason')}</Text>
        <View className='kd-chips'>
          {REASONS.map((key) => (
            <Text key={key} className={'kd-chip kd-refund__reason' + (reason === t(key) ? ' kd-chip--on' : '')} onClick={() => setReason(t(key))}>{t(key)}</Text>
          ))}
        </View>
        <Textarea className='kd-refund__description' value={description} maxlength={500} placeholder={t('refund_description')} onInput={(event) => setDescription(event.detail.value)} />
      </View>
      <View className='kd-bar'>
        <View className={'kd-button kd-refund__submit' + (canSubmit ? '' : ' kd-button--off')} onClick={submit}>{sending ? t('submitting') : t('submit_refund')}</View>
      </View>
    </View>
  )
}
