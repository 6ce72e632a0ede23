import { useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { get, goBack, handOver, patch, post, t, usePageView } from '@/runtime/index.js'

const FIELDS = ['recipient', 'phone', 'province', 'city', 'district', 'detail']

export default function AddressEdit() {
  usePageView("kd_account/pages/address_edit/index")
  const [form, setForm] = useState({ recipient: '', phone: '', province: '', city: '', district: '', detail: '', is_default: false })
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState('')
  const page = useRef({ editing: 0, choosing: false })

  function set(field, value) {
    setForm((current) => Object.assign({}, current, { [field]: value }))
  }

  async function save() {
    if (saving) return
    setSaving(true)
    setProblem('')
    const body = { is_default: !!form.is_default }
    for (const field of FIELDS) body[field] = String(form[field] || '').trim()
    try {
      const saved = page.current.editing
        ? await patch('/api/shop/addresses/' + page.current.editing, body)
        : await post('/api/shop/addresses', body)
      if (page.current.choosing) handOver('address', saved)
      goBack()
    } catch (error) {
      setProblem(error.message)
    } finally {
      setSaving(false)
    }
  }

  useLoad(async (query) => {
    page.current = { choosing: !!(query && query.choose), editing: Number((query && query.id) || 0) }
    if (!page.current.editing) return
    try {
      const list = await get('/api/shop/addresses', { silent: true })
      const found = list.find((item) => item.id === page.current.editing)
      if (found) setForm((current) => Object.assign({}, current, found))
    } catch (error) {
      setProblem(t('network_error'))
    }
  })

  return (
    <View className='kd-sys kd-address-edit'>
      <View className='kd-card'>
        {FIELDS.map((field) => (
          <View key={field} className='kd-field'>
            <Text className='kd-field__label'>{t('address_' + field)}</Text>
            <Input className={'kd-field__input kd-address-edit__' + field} value={form[field]} type={field === 'phone' ? 'number' : 'text'} placeholder={t('address_' + field)} onInput={(event) => set(field, event.detail.value)} />
          </View>
        ))}
        {problem ? <Text className='kd-error'>{problem}</Text> : null}
        <View className='kd-choice' onClick={() => set('is_default', !form.is_default)}>
          <Text className={'kd-choice__mark' + (form.is_default ? ' kd-choice__mark--on' : '')}>{form.is_default ? '✓' : ''}</Text>
          <Text>{t('set_default')}</Text>
        </View>
      </View>
      <View className='kd-bar'>
        <View className={'kd-button kd-address-edit__save' + (saving ? ' kd-button--off' : '')} onClick={save}>{t('save')}</View>
      </View>
    </View>
  )
}
