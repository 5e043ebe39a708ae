import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { graphqlClient } from './graphql/client';
import { i18n } from './i18n';
import { router } from './router';
import './styles/main.css';

const app = createApp(App);
app.use(i18n);
// A ref: @urql/vue composables follow the client when it is replaced at login/logout.
app.use(urql, graphqlClient);
app.use(router);
app.mount('#app');
