import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { get, go, login, logout, onSessionChange, patch, sessionState, t, toast, usePageView } from '@/runtime/index.js'

export default function Account() {
  usePageView("kd_account/pages/login/index")
  const [session, setSession] = useState(sessionState())
  const [nickname, setNickname] = useState('')

  useEffect(() => onSessionChange((next) => setSession(next)), [])

  async function loadMe() {
    try {
      const me = await get('/api/shop/me', { silent: true })
      setNickname(me.nickname || '')
    } catch (error) {
      // Logged out or offline: the page offers 登录.
    }
    setSession(sessionState())
  }

  async function signIn() {
    try {
      await login()
      loadMe()
    } catch (error) {
      toast(error.message || t('network_error'))
    }
  }

  async function saveProfile() {
    try {
      await patch('/api/shop/me', { nickname })
      toast(t('saved'), 'success')
    } catch (error) {
      // shown by the runtime
    }
  }

  useDidShow(() => {
    loadMe()
  })

  if (session.status !== 'logged_in') {
    return (
      <View className='kd-sys kd-sys--bare kd-account'>
        <View className='kd-state'>
          <Text className='kd-state__text'>{session.status === 'logged_out' ? t('logged_out') : t('loading')}</Text>
          <View className='kd-button kd-account__login' onClick={signIn}>{t('login')}</View>
        </View>
      </View>
    )
  }
  return (
    <View className='kd-sys kd-sys--bare kd-account'>
      <View className='kd-card'>
        <View className='kd-field'>
          <Text className='kd-field__label'>{t('nickname')}</Text>
          <Input className='kd-field__input kd-account__nickname' value={nickname} maxlength={64} onInput={(event) => setNickname(event.detail.value)} />
        </View>
        <View className='kd-row' style={{ justifyContent: 'flex-end' }}>
          <View className='kd-button kd-button--small' onClick={saveProfile}>{t('save')}</View>
        </View>
      </View>
      <View className='kd-card'>
        <View className='kd-row' onClick={() => go('orders')}><Text>{t('my_orders')}</Text><Text>›</Text></View>
        <View className='kd-row' onClick={() => go('addresses')}><Text>{t('my_addresses')}</Text><Text>›</Text></View>
      </View>
      <View className='kd-state' style={{ paddingTop: 0 }}>
        <View className='kd-button kd-button--ghost' onClick={() => logout()}>{t('logout')}</View>
      </View>
    </View>
  )
}
