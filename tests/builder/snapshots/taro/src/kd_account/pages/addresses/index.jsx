import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { del, get, go, goBack, handOver, t, usePageView } from '@/runtime/index.js'

export default function Addresses() {
  usePageView("kd_account/pages/addresses/index")
  const [list, setList] = useState(null)
  const [failed, setFailed] = useState(false)
  const [choosing, setChoosing] = useState(false)

  async function load() {
    setFailed(false)
    try {
      setList(await get('/api/shop/addresses', { silent: true }))
    } catch (error) {
      setFailed(true)
    }
  }

  function pick(item) {
    if (!choosing) return
    handOver('address', item)
    goBack()
  }

  function remove(item) {
    Taro.showModal({
      content: t('delete_confirm'),
      success: async (answer) => {
        if (!answer.confirm) return
        try {
          await del('/api/shop/addresses/' + item.id)
          load()
        } catch (error) {
          // shown by the runtime
        }
      }
    })
  }

  useLoad((query) => setChoosing(!!(query && query.choose)))
  useDidShow(() => {
    load()
  })

  const stopping = (handler) => (event) => {
    event.stopPropagation()
    handler()
  }
  return (
    <View className='kd-sys kd-addresses'>
      {list === null ? <View className='kd-state'>{failed ? t('network_error') : t('loading')}</View> : null}
      {list && !list.length ? <View className='kd-state'>{t('no_addresses')}</View> : null}
      {(list || []).map((item) => (
        <View key={item.id} className='kd-card kd-addresses__item' onClick={() => pick(item)}>
          <View className='kd-row'>
            <Text className='kd-row--strong'>{item.recipient} {item.phone}</Text>
            {item.is_default ? <Text className='kd-price kd-muted'>{t('default')}</Text> : null}
          </View>
          <Text className='kd-muted'>{item.province}{item.city}{item.district}{item.detail}</Text>
          <View className='kd-row' style={{ justifyContent: 'flex-end' }}>
            <Text className='kd-button kd-button--ghost kd-button--small' onClick={stopping(() => go('address_edit', { id: item.id, choose: choosing ? 1 : '' }))}>{t('edit')}</Text>
            <Text className='kd-button kd-button--ghost kd-button--small' onClick={stopping(() => remove(item))}>{t('delete')}</Text>
          </View>
        </View>
      ))}
      <View className='kd-bar'>
        <View className='kd-button kd-addresses__add' onClick={() => go('address_edit', { choose: choosing ? 1 : '' })}>＋ {t('add_address')}</View>
      </View>
    </View>
  )
}
