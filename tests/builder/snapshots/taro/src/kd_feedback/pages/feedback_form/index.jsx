import { useRef, useState } from 'react'
import { useLoad } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { PHOTO_LIMIT, PHOTO_MAX_BYTES, choosePhotos, currentLocale, get, post, t, toast, uploadPhoto, usePageView } from '@/runtime/index.js'
import './index.css'

// 订单评价 (the feedback plugin's app page): NPS 0–10, the shop's tags, text and photos, once per order.
const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
const WORDS = {
  'zh-CN': { question: '你有多大可能把本店推荐给朋友？', order: '订单', unlikely: '0 不可能', likely: '10 非常可能', tags: '印象标签', text: '说说你的体验', placeholder: '商品、物流、服务……（选填）', submit: '提交评价', choose: '请先选择分数', thanks: '感谢你的评价！', your_score: '你的评分', expired: '评价已过期' },
  en: { question: 'How likely are you to recommend us to a friend?', order: 'Order', unlikely: '0 Not likely', likely: '10 Very likely', tags: 'Tags', text: 'Tell us more', placeholder: 'Goods, delivery, service… (optional)', submit: 'Submit', choose: 'Choose a score first', thanks: 'Thank you for your feedback!', your_score: 'Your score', expired: 'The time to answer has passed' }
}

export default function FeedbackForm() {
  usePageView("kd_feedback/pages/feedback_form/index")
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const [state, setState] = useState('loading')
  const [problem, setProblem] = useState('')
  const [form, setForm] = useState(null)
  const [answer, setAnswer] = useState(null)
  const [score, setScore] = useState(null)
  const [picked, setPicked] = useState([])
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const [photos, setPhotos] = useState([])
  const orderId = useRef(0)
  const photoKeys = useRef(0)
  const uploading = photos.some((photo) => photo.state === 'uploading')
  const canSubmit = !sending && score !== null && !uploading

  function patchPhoto(key, patch) {
    setPhotos((list) => list.map((photo) => (photo.key === key ? Object.assign({}, photo, patch) : photo)))
  }

  async function upload(photo) {
    patchPhoto(photo.key, { state: 'uploading', progress: 0 })
    try {
      const uploaded = await uploadPhoto(photo.path, { onProgress: (percent) => patchPhoto(photo.key, { progress: percent }) })
      patchPhoto(photo.key, { id: uploaded.id, state: 'done' })
    } catch (error) {
      patchPhoto(photo.key, { state: 'failed' })
    }
  }

  async function addPhotos() {
    const room = PHOTO_LIMIT - photos.length
    const chosen = await choosePhotos(room)
    const added = chosen.filter((item) => item.size <= PHOTO_MAX_BYTES).slice(0, room).map((file) => {
      photoKeys.current += 1
      return { key: photoKeys.current, path: file.path, state: 'uploading', progress: 0, id: null }
    })
    setPhotos((list) => list.concat(added))
    added.forEach(upload)
  }

  async function load() {
    setState('loading')
    try {
      const found = await get('/api/shop/feedback/orders/' + orderId.current, { silent: true })
      setForm(found)
      setAnswer(found.answer)
      setState(found.answer ? 'answered' : found.request.status === 'expired' ? 'expired' : 'ready')
    } catch (error) {
      setProblem((error && error.message) || '')
      setState('failed')
    }
  }

  async function submit() {
    if (score === null) return toast(words.choose)
    if (!canSubmit) return
    setSending(true)
    try {
      const photoIds = photos.filter((photo) => photo.state === 'done').map((photo) => photo.id)
      setAnswer(await post('/api/shop/feedback/answers', { order_id: orderId.current, score, tags: picked, text, photo_ids: photoIds }))
      setState('answered')
    } catch (error) {
      if (error && error.status === 409) load() // answered meanwhile (another device) or expired
    } finally {
      setSending(false)
    }
  }

  useLoad((query) => {
    orderId.current = Number(query && query.order_id) || 0
    load()
  })

  if (state === 'loading') return <View className='kd-sys kd-feedback'><View className='kd-state'>{t('loading')}</View></View>
  if (state === 'failed') return <View className='kd-sys kd-feedback'><View className='kd-state'><Text className='kd-state__text'>{problem || t('network_error')}</Text></View></View>
  if (state === 'expired') return <View className='kd-sys kd-feedback'><View className='kd-state'>{words.expired}</View></View>
  if (state === 'answered') {
    return (
      <View className='kd-sys kd-feedback'>
        <View className='kd-card kd-feedback__done'>
          <Text className='kd-card__title'>{words.thanks}</Text>
          <View className='kd-muted'>{words.your_score} {answer.score}</View>
          {answer.tags.length > 0 && <View className='kd-chips'>{answer.tags.map((tag) => <Text key={tag} className='kd-chip kd-chip--on'>{tag}</Text>)}</View>}
          {answer.text && <View className='kd-muted'>{answer.text}</View>}
        </View>
      </View>
    )
  }
  return (
    <View className='kd-sys kd-feedback'>
      <View className='kd-card'>
        <Text className='kd-card__title'>{words.question}</Text>
        <View className='kd-muted'>{words.order} {form.request.order_no}</View>
        <View className='kd-feedback__scores'>
          {SCORES.map((value) => (
            <Text key={value} className={'kd-feedback__score' + (score === value ? ' kd-feedback__score--on' : '')} data-score={value} onClick={() => setScore(value)}>{value}</Text>
          ))}
        </View>
        <View className='kd-feedback__ends'><Text>{words.unlikely}</Text><Text>{words.likely}</Text></View>
      </View>
      {form.tags.length > 0 && (
        <View className='kd-card'>
          <Text className='kd-card__title'>{words.tags}</Text>
          <View className='kd-chips'>
            {form.tags.map((tag) => (
              <Text key={tag} className={'kd-chip kd-feedback__tag' + (picked.includes(tag) ? ' kd-chip--on' : '')} onClick={() => setPicked(picked.includes(tag) ? picked.filter((item) => item !== tag) : picked.concat([tag]))}>{tag}</Text>
            ))}
          </View>
        </View>
      )}
      <View className='kd-card'>
        <Text className='kd-card__title'>{words.text}</Text>
        <Textarea className='kd-feedback__text' value={text} maxlength={500} placeholder={words.placeholder} onInput={(event) => setText(event.detail.value)} />
        <View className='kd-photos'>
          {photos.map((photo, index) => (
            <View key={photo.key} className='kd-photo kd-feedback__photo' data-state={photo.state}>
              <Image className='kd-photo__image' src={photo.path} mode='aspectFill' />
              {photo.state === 'uploading' && <Text className='kd-photo__progress'>{photo.progress}%</Text>}
              {photo.state === 'failed' && <Text className='kd-photo__failed' onClick={() => upload(photo)}>{t('photo_failed')}</Text>}
              <Text className='kd-photo__delete' aria-label={t('photo_delete')} onClick={(event) => { event.stopPropagation(); setPhotos(photos.filter((_, at) => at !== index)) }}>×</Text>
            </View>
          ))}
          {photos.length < PHOTO_LIMIT && (
            <View className='kd-photo kd-photo--add kd-feedback__add-photo' onClick={addPhotos}>
              <Text className='kd-photo__plus'>+</Text>
              <Text className='kd-muted'>{t('photo_add')}</Text>
            </View>
          )}
        </View>
      </View>
      <View className='kd-bar'>
        <View className={'kd-button kd-feedback__submit' + (canSubmit ? '' : ' kd-button--off')} onClick={submit}>{sending ? t('submitting') : words.submit}</View>
      </View>
    </View>
  )
}
