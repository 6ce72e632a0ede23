import { useState } from 'react'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { PHOTO_LIMIT, PHOTO_MAX_BYTES, choosePhotos, getOrder, goBack, requestRefund, t, toast, uploadPhoto, usePageView, yuan } from '@/runtime/index.js'

const REASONS = ['reason_unwanted', 'reason_quality', 'reason_wrong_item', 'reason_not_received']

const MAX_MB = PHOTO_MAX_BYTES / 1024 / 1024
let photoKeys = 0

function left(line) {
  return line.quantity - line.refunded_quantity
}

export default function Refund() {
  usePageView("kd_trade/pages/refund/index")
  const [order, setOrder] = useState(null)
  const [failed, setFailed] = useState(false)
  const [picked, setPicked] = useState({})
  const [reason, setReason] = useState('')
  const [description, setDescription] = useState('')
  const [sending, setSending] = useState(false)
  // Each chosen photo: { key, path (local, shown at once), state: uploading|done|failed, progress, id }
  const [photos, setPhotos] = useState([])

  const refundable = ((order && order.lines) || []).filter((line) => line.quantity > line.refunded_quantity)
  const uploading = photos.some((photo) => photo.state === 'uploading')
  const canSubmit = !sending && !uploading && !!reason && Object.keys(picked).some((id) => picked[id] > 0)

  function updatePhoto(key, patch) {
    setPhotos((list) => list.map((photo) => (photo.key === key ? Object.assign({}, photo, patch) : photo)))
  }

  async function upload(photo) {
    updatePhoto(photo.key, { state: 'uploading', progress: 0 })
    try {
      const uploaded = await uploadPhoto(photo.path, { onProgress: (progress) => updatePhoto(photo.key, { progress }) })
      updatePhoto(photo.key, { state: 'done', id: uploaded.id })
    } catch (error) {
      updatePhoto(photo.key, { state: 'failed' }) // the runtime showed the server's reason; a tap retries
    }
  }

  async function addPhotos() {
    const room = PHOTO_LIMIT - photos.length
    if (room <= 0) return toast(t('photo_limit', { n: PHOTO_LIMIT }))
    const chosen = await choosePhotos(room)
    if (chosen.some((file) => file.size > PHOTO_MAX_BYTES)) toast(t('photo_too_large', { mb: MAX_MB }))
    const added = chosen.filter((file) => file.size <= PHOTO_MAX_BYTES).slice(0, room).map((file) => {
      photoKeys += 1
      return { key: photoKeys, path: file.path, state: 'uploading', progress: 0, id: null }
    })
    setPhotos((list) => list.concat(added))
    added.forEach(upload)
  }

  function removePhoto(key) {
    setPhotos((list) => list.filter((photo) => photo.key !== key))
  }

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
    if (uploading) return toast(t('photo_uploading'))
    if (!canSubmit) return toast(reason ? t('refund_choose_lines') : t('refund_choose_reason'))
    setSending(true)
    try {
      const lines = Object.keys(picked).map((id) => ({ line_id: Number(id), quantity: picked[id] }))
      const photoIds = photos.filter((photo) => photo.state === 'done').map((photo) => photo.id)
      await requestRefund(order.id, { lines, reason, description, photo_ids: photoIds })
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
      <View className='kd-card kd-refund__photos'>
        <View className='kd-card__title'>{t('refund_photos')} <Text className='kd-muted kd-card__hint'>{t('refund_photos_hint', { n: PHOTO_LIMIT, mb: MAX_MB })}</Text></View>
        <View className='kd-photos'>
          {photos.map((photo) => (
            <View key={photo.key} className='kd-photo kd-refund__photo' data-state={photo.state}>
              <Image className='kd-photo__image' src={photo.path} mode='aspectFill' />
              {photo.state === 'uploading' ? <Text className='kd-photo__progress'>{photo.progress}%</Text> : null}
              {photo.state === 'failed' ? <Text className='kd-photo__failed' onClick={() => upload(photo)}>{t('photo_failed')}</Text> : null}
              <Text className='kd-photo__delete' aria-label={t('photo_delete')} onClick={stopping(() => removePhoto(photo.key))}>×</Text>
            </View>
          ))}
          {photos.length < PHOTO_LIMIT
            ? (
              <View className='kd-photo kd-photo--add kd-refund__add-photo' onClick={addPhotos}>
                <Text className='kd-photo__plus'>+</Text>
                <Text className='kd-muted'>{t('photo_add')}</Text>
              </View>
              )
            : null}
        </View>
      </View>
      <View className='kd-bar'>
        <View className={'kd-button kd-refund__submit' + (canSubmit ? '' : ' kd-button--off')} onClick={submit}>{sending ? t('submitting') : t('submit_refund')}</View>
      </View>
    </View>
  )
}
