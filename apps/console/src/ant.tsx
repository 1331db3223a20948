import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { FONT_FAMILY } from './font';

dayjs.locale('zh-cn');

/**
 * Ant Design with its zh_CN locale, around every screen but the search. Not on the first screen:
 * this module (and antd with it) is fetched with the first screen that needs it, or in the
 * background once the search is up.
 */
export function Ant({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: FONT_FAMILY } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
