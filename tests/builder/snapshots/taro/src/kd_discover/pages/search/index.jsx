import { useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import settings from '@/api/settings.js'
import KdLazyImage from '@/components/kd-lazy-image/index.jsx'
import { get, go, loadStored, saveStored, t, track, usePageView, yuan } from '@/runtime/index.js'

const HISTORY_KEY = 'kaidian_search_history'
const base = '/api/shop/' + settings.shopId + '/search'

export default function Search() {
  usePageView("kd_discover/pages/search/index")
  const [query, setQuery] = useState('')
  const [suggestions, setSuggestions] = useState([])
  const [results, setResults] = useState(null)
  const [failed, setFailed] = useState(false)
  const [history, setHistory] = useState(() => loadStored(HISTORY_KEY, []) || [])
  const [hot, setHot] = useState([])
  const typing = useRef({ timer: null, run: 0 })

  function typed(value) {
    setQuery(value)
    setResults(null)
    if (typing.current.timer) clearTimeout(typing.current.timer)
    const text = value.trim()
    if (!text) {
      setSuggestions([])
      return
    }
    const run = ++typing.current.run
    typing.current.timer = setTimeout(async () => {
      try {
        const answer = await get(base + '/suggest?q=' + encodeURIComponent(text), { auth: false, silent: true })
        if (run === typing.current.run) setSuggestions(answer.items || [])
      } catch (error) {
        if (run === typing.current.run) setSuggestions([])
      }
    }, 200)
  }

  // A search made (typed and sent, or a suggestion picked): remembered and counted.
  function remember(word) {
    track('search', { keyword: word.slice(0, 50) })
    setHistory((current) => {
      const next = [word].concat(current.filter((item) => item !== word)).slice(0, 10)
      saveStored(HISTORY_KEY, next)
      return next
    })
  }

  function clearHistory() {
    setHistory([])
    saveStored(HISTORY_KEY, [])
  }

  async function search(word) {
    const text = String(word || '').trim()
    if (!text) return
    setQuery(text)
    setSuggestions([])
    typing.current.run += 1
    remember(text)
    setFailed(false)
    setResults([])
    try {
      const page = await get(base + '?q=' + encodeURIComponent(text), { auth: false, silent: true })
      setResults(page.items || [])
    } catch (error) {
      setFailed(true)
    }
  }

  function openSuggestion(item) {
    remember(query.trim() || item.text)
    if (item.product_id) go('product', { id: item.product_id })
    else search(item.text)
  }

  useLoad(async (options) => {
    if (options && options.q) search(decodeURIComponent(options.q))
    try {
      setHot((await get(base + '/hot', { auth: false, silent: true })).items || [])
    } catch (error) {
      setHot([])
    }
  })

  return (
    <View className='kd-sys kd-sys--bare kd-search-page'>
      <View className='kd-card kd-row'>
        <Input className='kd-field__input kd-search-page__input' value={query} placeholder={t('search_placeholder')} confirmType='search' focus onInput={(event) => typed(event.detail.value)} onConfirm={() => search(query)} />
        <Text className='kd-button kd-button--small kd-search-page__go' onClick={() => search(query)}>{t('search')}</Text>
      </View>
      {suggestions.length && !results
        ? (
          <View className='kd-card kd-search-page__suggestions'>
            {suggestions.map((item, index) => (
              <View key={index} className='kd-row kd-search-page__suggestion' onClick={() => openSuggestion(item)}>
                <Text>{item.text}</Text>
                <Text className='kd-muted'>›</Text>
              </View>
            ))}
          </View>
          )
        : null}
      {!results && !suggestions.length && history.length
        ? (
          <View className='kd-card'>
            <View className='kd-row'>
              <Text className='kd-card__title'>{t('search_history')}</Text>
              <Text className='kd-muted' onClick={clearHistory}>{t('clear')}</Text>
            </View>
            <View className='kd-chips'>{history.map((word) => <Text key={word} className='kd-chip kd-search-page__history' onClick={() => search(word)}>{word}</Text>)}</View>
          </View>
          )
        : null}
      {!results && !suggestions.length && hot.length
        ? (
          <View className='kd-card'>
            <Text className='kd-card__title'>{t('hot_searches')}</Text>
            <View className='kd-chips'>{hot.map((word) => <Text key={word} className='kd-chip' onClick={() => search(word)}>{word}</Text>)}</View>
          </View>
          )
        : null}
      {results
        ? (
          <View className='kd-search-page__results'>
            {failed
              ? (
                <View className='kd-state'>
                  <Text className='kd-state__text'>{t('network_error')}</Text>
                  <View className='kd-button kd-button--ghost' onClick={() => search(query)}>{t('retry')}</View>
                </View>
                )
              : !results.length ? <View className='kd-state'>{t('no_results')}</View> : null}
            {results.map((item) => (
              <View key={item.id} className='kd-card kd-line kd-search-page__result' onClick={() => go('product', { id: item.id })}>
                <KdLazyImage src={item.image} alt={item.title} width='80px' height='80px' />
                <View className='kd-line__info'>
                  <Text className='kd-line__title'>{item.title}</Text>
                  <Text className='kd-price'>{yuan(item.min_price_fen)}</Text>
                  {item.stock_status === 'sold_out' ? <Text className='kd-muted'>{t('sold_out')}</Text> : null}
                </View>
              </View>
            ))}
          </View>
          )
        : null}
    </View>
  )
}
