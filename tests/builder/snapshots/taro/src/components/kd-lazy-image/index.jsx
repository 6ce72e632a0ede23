import { useEffect, useState } from 'react'
import { Image, View } from '@tarojs/components'
import { webpUrl } from '@/utils/image.js'

// Lazy-loaded image, asked for as WebP first and falling back to the original URL.
export default function KdImage({ src = '', alt = '', mode = 'aspectFill', width = '100%', height = '100%', className = '' }) {
  const [failed, setFailed] = useState(false)
  useEffect(() => setFailed(false), [src])
  // No picture (a product without images): keep the space, and give Taro's H5 lazy image no
  // empty src (it observes an image element it never rendered, and throws).
  if (!src) return <View className={'kd-image kd-image--empty ' + className} style={{ width, height, display: 'block' }} />
  return (
    <Image
      className={className}
      src={failed ? src : webpUrl(src)}
      mode={mode}
      lazyLoad
      webp
      ariaLabel={alt}
      style={{ width, height, display: 'block' }}
      onError={() => setFailed(true)}
    />
  )
}
