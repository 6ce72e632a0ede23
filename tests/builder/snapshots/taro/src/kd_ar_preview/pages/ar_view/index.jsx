import { useEffect, useState } from 'react'
import Taro, { useLoad } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { currentLocale, getPublic, t, usePageView } from '@/runtime/index.js'
import './index.css'

// 3D/AR 查看 (the AR preview plugin's page, subpackage kd_ar_preview). Mini-program: WeChat's
// xr-frame (the native component kd-xr-viewer, declared in this page's usingComponents) with
// orbit and zoom, and AR placement on a detected plane where the device supports it; a model
// that does not load falls back from AR to 3D, then to the poster. H5: Google's <model-viewer>.
// xr-frame needs base library 2.32.0 (stable; 2.27.1 at least).
const MIN_SDK = '2.32.0'
const WORDS = {
  'zh-CN': { missing: '该商品没有 3D 模型', ar: 'AR 摆放', back: '返回 3D', drag: '单指旋转，双指缩放', place: '对准地面或桌面，点击放置商品', placed: '已放置：点击其他位置可移动', old: '微信版本过低，暂时只能看封面图', failed: '模型加载失败，先看看封面图吧' },
  en: { missing: 'This product has no 3D model', ar: 'Place in AR', back: 'Back to 3D', drag: 'Drag to turn, pinch to zoom', place: 'Point at the floor or a table and tap to place it', placed: 'Placed: tap elsewhere to move it', old: 'WeChat is too old for 3D here: showing the picture', failed: 'The model did not load: showing the picture' }
}

// Inside `if` on the build's constant target, so the mini-program build never bundles the viewer.
function loadViewer() {
  if (process.env.TARO_ENV === 'h5') return import('@google/model-viewer')
  return Promise.reject(new Error('model-viewer is for H5 builds'))
}

function newer(version, minimum) {
  const a = String(version || '0').split('.').map(Number)
  const b = minimum.split('.').map(Number)
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] || 0) !== b[i]) return (a[i] || 0) > b[i]
  }
  return true
}

export default function ArView() {
  usePageView("kd_ar_preview/pages/ar_view/index")
  const words = WORDS[currentLocale()] || WORDS['zh-CN']
  const [state, setState] = useState('loading')
  const [model, setModel] = useState(null)
  const [mode, setMode] = useState('3d') // ar, 3d or poster
  const [note, setNote] = useState('')
  const [placed, setPlaced] = useState(false)
  const [canAr, setCanAr] = useState(false)
  const [size, setSize] = useState({ width: 300, height: 300, styleWidth: '300px', styleHeight: '300px' })

  useLoad((query) => {
    if (process.env.TARO_ENV === 'weapp') {
      const info = Taro.getSystemInfoSync()
      const height = Math.round(info.windowHeight * 0.75)
      setSize({ width: info.windowWidth * info.pixelRatio, height: height * info.pixelRatio, styleWidth: info.windowWidth + 'px', styleHeight: height + 'px' })
      if (!newer(info.SDKVersion, MIN_SDK)) {
        setMode('poster')
        setNote(words.old)
      } else {
        setCanAr(typeof wx !== 'undefined' && typeof wx.isVKSupport === 'function' && wx.isVKSupport('v2'))
      }
    }
    const productId = Number(query && query.product_id) || 0
    getPublic('/ar-preview/model' + (productId ? '?product_id=' + productId : ''))
      .then((found) => {
        setModel(found)
        setState(found ? 'ready' : 'missing')
      })
      .catch(() => setState('missing'))
  })

  function failed() {
    // AR first falls back to the plain 3D view, the 3D view to the poster.
    if (mode === 'ar') {
      setMode('3d')
      setCanAr(false)
    } else {
      setMode('poster')
      setNote(words.failed)
    }
  }

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !model || mode !== '3d') return undefined
    let viewer = null
    let live = true
    loadViewer().then(() => {
      const stage = document.getElementById('kd-ar-view-stage')
      if (!live || !stage) return
      viewer = document.createElement('model-viewer')
      const attributes = {
        src: model.src, poster: model.poster, alt: model.title, 'camera-controls': '', 'touch-action': 'none',
        'auto-rotate': '', ar: '', 'ar-modes': 'webxr scene-viewer quick-look', 'shadow-intensity': '1', loading: 'eager',
        style: 'width:100%;height:100%;background:transparent'
      }
      if (model.ios_src) attributes['ios-src'] = model.ios_src
      Object.keys(attributes).forEach((name) => viewer.setAttribute(name, attributes[name]))
      viewer.addEventListener('error', () => live && failed())
      stage.appendChild(viewer)
    })
    return () => {
      live = false
      if (viewer) viewer.remove()
    }
  }, [model, mode])

  if (state === 'loading') return <View className='kd-sys kd-ar-view'><View className='kd-state'>{t('loading')}</View></View>
  if (state === 'missing') return <View className='kd-sys kd-ar-view'><View className='kd-state'>{words.missing}</View></View>
  const hint = note || (mode === 'ar' ? (placed ? words.placed : words.place) : mode === '3d' ? words.drag : '')
  return (
    <View className='kd-sys kd-sys--bare kd-ar-view'>
      {process.env.TARO_ENV === 'weapp' && mode !== 'poster' ? (
        <kd-xr-viewer
          key={mode}
          class='kd-ar-view__stage'
          src={model.src}
          ar={mode === 'ar'}
          width={size.width}
          height={size.height}
          style={'width:' + size.styleWidth + ';height:' + size.styleHeight}
          onFailed={failed}
          onPlaced={() => setPlaced(true)}
        />
      ) : null}
      {process.env.TARO_ENV === 'h5' && mode !== 'poster' ? <View id='kd-ar-view-stage' className='kd-ar-view__stage' /> : null}
      {mode === 'poster' ? <Image className='kd-ar-view__poster' src={model.poster} mode='aspectFit' /> : null}
      <View className='kd-ar-view__bar'>
        <Text className='kd-ar-view__title'>{model.title}</Text>
        <View className='kd-ar-view__actions'>
          {canAr && mode === '3d' ? <View className='kd-button kd-button--small' onClick={() => setMode('ar')}>{words.ar}</View> : null}
          {mode === 'ar' ? <View className='kd-button kd-button--small' onClick={() => setMode('3d')}>{words.back}</View> : null}
        </View>
        <Text className='kd-ar-view__hint'>{hint}</Text>
      </View>
    </View>
  )
}
