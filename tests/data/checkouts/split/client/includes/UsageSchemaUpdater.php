<?php
namespace Wbx\Client;

class UsageSchemaUpdater {
	public function onLoadExtensionSchemaUpdates( $updater ) {
		$type = $updater->getDB()->getType();
		$updater->addExtensionTable( 'wbx_usage', dirname( __DIR__ ) . "/sql/$type/wbx_usage.sql" );
	}
}
