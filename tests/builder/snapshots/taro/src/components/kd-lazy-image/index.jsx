import { useEffect, useState } from 'react'
import { Image, View } from '@tarojs/components'
import { icon } from '@/utils/icons.js'
import { tileSize, webpUrl } from '@/utils/image.js'

// A missing or broken picture keeps its place as a neutral tile with a picture mark.
const MARK_STYLE = { width: '30%', height: '30%', maxWidth: '64px', maxHeight: '64px', opacity: 0.6 }

// Lazy-loaded image, asked for as WebP first, falling back to the original URL, then to the tile.
export default function KdImage({ src = '', alt = '', mode = 'aspectFill', width = '100%', height = '100%', className = '' }) {
  const [failed, setFailed] = useState(false)
  const [broken, setBroken] = useState(false)
  useEffect(() => {
    setFailed(false)
    setBroken(false)
  }, [src])
  // No picture (a product without images) or none that loads: keep the space, and give Taro's
  // H5 lazy image no empty src (it observes an image element it never rendered, and throws).
  if (!src || broken) {
    return (
      <View className={'kd-image kd-image--empty ' + className} ariaLabel={alt} style={{ ...tileSize(width, height), display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'var(--kd-color-border)' }}>
        <Image className='kd-image__mark' src={icon('image', 'text_secondary')} mode='aspectFit' style={MARK_STYLE} />
      </View>
    )
  }
  const fallback = () => (!failed && webpUrl(src) !== src ? setFailed(true) : setBroken(true))
  return (
    <Image
      className={className}
      src={failed ? src : webpUrl(src)}
      mode={mode}
      lazyLoad
      webp
      ariaLabel={alt}
      style={{ width, height, display: 'block' }}
      onError={fallback}
    />
  )
}
